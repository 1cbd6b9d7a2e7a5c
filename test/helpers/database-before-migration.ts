import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate, MIGRATIONS_DIR } from '../../src/database/migrator';
import { ENV_ADMIN_URL, withDatabase } from '../setup/test-postgres';

/** A database as it was before one migration, to write old rows into and then upgrade. */
export interface DatabaseBeforeMigration {
  client: Client;
  /** Applies the migration and every one after it. */
  migrateRest(): Promise<void>;
  drop(): Promise<void>;
}

/** A fresh database with every migration before `migration` (its file name) applied. */
export async function databaseBefore(migration: string): Promise<DatabaseBeforeMigration> {
  const adminUrl = process.env[ENV_ADMIN_URL]!;
  const name = `ot_before_${randomBytes(6).toString('hex')}`;
  const url = withDatabase(adminUrl, name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ot-before-'));
  try {
    for (const file of fs.readdirSync(MIGRATIONS_DIR)) {
      if (file < migration) fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(dir, file));
    }
    await migrate(url, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    client,
    migrateRest: async () => {
      await migrate(url);
    },
    drop: async () => {
      await client.end();
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** An engagement of a customer of its own, on a template version of its own; its id. */
export async function insertEngagement(client: Client): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const customer = (
    await client.query(
      `INSERT INTO customer (id, name) VALUES (gen_random_uuid(), $1) RETURNING id`,
      [`Old Co ${tag}`],
    )
  ).rows[0].id;
  const templateKey = `old-model-${tag}`;
  await client.query(`INSERT INTO template (key) VALUES ($1)`, [templateKey]);
  const version = (
    await client.query(
      `INSERT INTO template_version (id, template_key, version, name)
       VALUES (gen_random_uuid(), $1, 1, 'Old') RETURNING id`,
      [templateKey],
    )
  ).rows[0].id;
  return (
    await client.query(
      `INSERT INTO engagement (id, customer_id, template_version_id, template_key, template_version, name, cloud_provider, security_tier, start_date)
       VALUES (gen_random_uuid(), $1, $2, $3, 1, 'Old engagement', 'AWS', 'BASIC', '2026-01-01') RETURNING id`,
      [customer, version, templateKey],
    )
  ).rows[0].id;
}
