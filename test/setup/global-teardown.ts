import fs from 'node:fs';
import { Client } from 'pg';
import type { EmbeddedDatabase } from '../../src/database/embedded-database';
import { ENV_ADMIN_URL, ENV_TEMPLATE_DB } from './test-postgres';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__OT_TEST_PG__ as
    { db: EmbeddedDatabase; dir: string } | undefined;
  if (embedded) {
    await embedded.db.stop();
    fs.rmSync(embedded.dir, { recursive: true, force: true });
    return;
  }
  // On a shared server, leave nothing behind but what the tests could not drop.
  const admin = new Client({ connectionString: process.env[ENV_ADMIN_URL] });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${process.env[ENV_TEMPLATE_DB]}"`);
  } finally {
    await admin.end();
  }
}
