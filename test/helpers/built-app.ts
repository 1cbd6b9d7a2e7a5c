import type { OpenAPIObject } from '@nestjs/swagger';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { killQuietly, ServiceProcess, startService, waitForReady } from './service-process';
import { ADMIN_EMAIL, ADMIN_KEY, ADMIN_PASSWORD } from './test-app';
import { createTestDatabase, TestDatabase } from './test-database';
import { freePort } from './free-port';

/**
 * The built service (`node dist/main.js`, what `npm start` runs; `npm test` builds it first) as
 * its own process on a fresh test database, driven over HTTP: the artifact production runs.
 */
export interface BuiltService {
  url: string;
  http: TestAgent;
  /** SQL straight to the service's database (fixtures, fingerprints). */
  sql: Client;
  db: TestDatabase;
  service: ServiceProcess;
  /** `Authorization` header value of the bootstrap ADMIN key. */
  admin: string;
  stop(): Promise<void>;
}

export async function startBuiltService(env: Record<string, string> = {}): Promise<BuiltService> {
  const db = await createTestDatabase();
  const port = await freePort();
  const service = startService({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'warn',
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // No scheduled evaluation writing at times of its own (start-up, cron): the tests start runs
    // on request, and compare the database before and after each request.
    ESCALATION_ENABLED: 'false',
    ...env,
  });
  try {
    await waitForReady(port, service);
  } catch (error) {
    killQuietly(service);
    await db.drop();
    throw error;
  }
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    http: request(url),
    sql,
    db,
    service,
    admin: `Bearer ${ADMIN_KEY}`,
    async stop() {
      await sql.end();
      if (service.child.exitCode !== null) {
        await db.drop();
        throw new Error(`the built service had died:\n${service.output().slice(-4000)}`);
      }
      service.signalGroup('SIGTERM');
      await Promise.race([service.exited, new Promise((r) => setTimeout(r, 15_000))]);
      killQuietly(service);
      await db.drop();
    },
  };
}

/** The OpenAPI document the built service serves at /docs/openapi.json. */
export async function servedDocument(built: BuiltService): Promise<OpenAPIObject> {
  const res = await built.http.get('/docs/openapi.json');
  if (res.status !== 200) throw new Error(`GET /docs/openapi.json: ${res.status}`);
  return res.body as OpenAPIObject;
}
