import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { PrismaService } from '../../src/prisma/prisma.service';
import { createTestDatabase, TestDatabase } from './test-database';

export const ADMIN_KEY = 'otk_test-admin-key-0123456789abcdefghijklmnopqrstuv';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  prisma: PrismaService;
  db: TestDatabase;
  /** `Authorization` header value for the bootstrap ADMIN key. */
  admin: string;
  /** Creates an API key through the API and returns its `Authorization` header value. */
  keyFor(role: 'ADMIN' | 'STAFF' | 'CUSTOMER', customerId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application (same factory as production) on this test file's own database.
 * Pass environment variables to override configuration.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  webAppDir?: string,
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    ESCALATION_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
    DATABASE_URL: db.url,
  });
  const app = await createApp(config, db.url, webAppDir);
  await app.init();
  const http = request(app.getHttpServer());
  const admin = `Bearer ${ADMIN_KEY}`;
  let keyCount = 0;
  return {
    app,
    http,
    prisma: app.get(PrismaService),
    db,
    admin,
    async keyFor(role, customerId) {
      const res = await http
        .post('/api/v1/api-keys')
        .set('Authorization', admin)
        .send({ name: `${role.toLowerCase()}-${++keyCount}`, role, customerId });
      if (res.status !== 201) throw new Error(`creating a ${role} key: ${res.status} ${res.text}`);
      return `Bearer ${res.body.key}`;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
