import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ENV_ADMIN_URL, ENV_TEMPLATE_DB, withDatabase } from '../setup/test-postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env[ENV_ADMIN_URL] });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file, cloned from the migrated template (fast, isolated). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[ENV_TEMPLATE_DB];
  if (!template) throw new Error('Global test setup did not run (no template database)');
  const name = `ot_test_${randomBytes(6).toString('hex')}`;
  await admin(async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Two files cloning the same template at the same moment can collide; try again shortly.
        if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: withDatabase(process.env[ENV_ADMIN_URL]!, name),
    drop: () =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}
