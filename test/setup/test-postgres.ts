import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import net from 'node:net';
import { EmbeddedDatabase, startEmbeddedDatabase } from '../../src/database/embedded-database';

/** Environment variables through which global setup tells the test files where PostgreSQL is. */
export const ENV_ADMIN_URL = 'OT_TEST_ADMIN_URL';
export const ENV_TEMPLATE_DB = 'OT_TEST_TEMPLATE_DB';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

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
