import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { EmbeddedDatabase, startEmbeddedDatabase } from '../../src/database/embedded-database';
import { freePort } from '../helpers/free-port';

/** Environment variables through which global setup tells the test files where PostgreSQL is. */
export const ENV_ADMIN_URL = 'OT_TEST_ADMIN_URL';
export const ENV_TEMPLATE_DB = 'OT_TEST_TEMPLATE_DB';

/** A throw-away embedded server in a temporary directory. */
export async function startThrowawayPostgres(): Promise<{ db: EmbeddedDatabase; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onboarding-tracker-test-'));
  fs.chmodSync(dir, 0o777);
  const db = await startEmbeddedDatabase({ dir: path.join(dir, 'pg'), port: await freePort() });
  return { db, dir };
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
