import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { AuthChangeListener } from '../../src/auth/auth-change-listener';
import { PasswordHasher } from '../../src/auth/password-hasher';
import { loadConfig } from '../../src/config/app-config';
import { PrismaService } from '../../src/prisma/prisma.service';
import { createTestDatabase, TestDatabase } from './test-database';

export const ADMIN_KEY = 'otk_test-admin-key-0123456789abcdefghijklmnopqrstuv';
/** The ADMIN person every test app starts with (BOOTSTRAP_ADMIN_EMAIL / _PASSWORD). */
export const ADMIN_EMAIL = 'first.admin@example.test';
export const ADMIN_PASSWORD = 'Test-owner-passphrase-42';

type Role = 'ADMIN' | 'STAFF' | 'CUSTOMER';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * A person signed in through POST /auth/login: requests carry the session cookie and, like the
 * web app, the X-CSRF-Token header.
 */
export interface UserAgent {
  id: string;
  email: string;
  password: string;
  /** `Cookie` header value: `ot_session=…; ot_csrf=…`. */
  cookie: string;
  csrf: string;
  /** The headers the browser would send: Cookie and X-CSRF-Token. */
  headers: Record<string, string>;
  request(method: Method, url: string): request.Test;
  get(url: string): request.Test;
  post(url: string): request.Test;
  patch(url: string): request.Test;
  delete(url: string): request.Test;
}

/** The cookies a response sets, as name → value. */
export function cookiesOf(res: { headers: Record<string, unknown> }): Record<string, string> {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return Object.fromEntries(
    list.map((line) => {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      return [pair.slice(0, index), decodeURIComponent(pair.slice(index + 1))];
    }),
  );
}

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  prisma: PrismaService;
  db: TestDatabase;
  /** `Authorization` header value for the bootstrap ADMIN key. */
  admin: string;
  /** Creates an API key through the API and returns its `Authorization` header value. */
  keyFor(role: Role, customerId?: string): Promise<string>;
  /** Signs in by email and password (POST /auth/login); throws unless it succeeds. */
  signIn(email: string, password: string): Promise<UserAgent>;
  /** A new ACTIVE user of this role (and customer), signed in with cookie and CSRF token. */
  userFor(role: Role, customerId?: string): Promise<UserAgent>;
  /** The bootstrap ADMIN person, signed in. */
  adminUser(): Promise<UserAgent>;
  /**
   * Waits until every instance has handled the change notifications of auth rows written so far.
   * The service does this itself after its own changes; a test that writes api_key, app_user or
   * user_session rows directly calls it before its next request.
   */
  authSettled(): Promise<void>;
  /**
   * A second instance of the application on this database, as in a scaled-out deployment: the
   * same configuration with `env` on top, initialised. The caller closes it.
   */
  anotherInstance(env?: Record<string, string>): Promise<NestExpressApplication>;
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
  const configWith = (more: Record<string, string> = {}) =>
    loadConfig({
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
      BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ESCALATION_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
      ...more,
      DATABASE_URL: db.url,
    });
  const app = await createApp(configWith(), db.url, webAppDir);
  await app.init();
  const http = request(app.getHttpServer());
  const admin = `Bearer ${ADMIN_KEY}`;
  let keyCount = 0;
  let userCount = 0;
  const prisma = app.get(PrismaService);
  const hasher = app.get(PasswordHasher);

  const agentFor = (
    id: string,
    email: string,
    password: string,
    cookies: Record<string, string>,
  ) => {
    const cookie = `ot_session=${cookies.ot_session}; ot_csrf=${cookies.ot_csrf}`;
    const headers = { Cookie: cookie, 'X-CSRF-Token': cookies.ot_csrf };
    const send = (method: Method, url: string) => http[method](url).set(headers);
    const agent: UserAgent = {
      id,
      email,
      password,
      cookie,
      csrf: cookies.ot_csrf,
      headers,
      request: send,
      get: (url) => send('get', url),
      post: (url) => send('post', url),
      patch: (url) => send('patch', url),
      delete: (url) => send('delete', url),
    };
    return agent;
  };
  const signIn = async (email: string, password: string) => {
    const res = await http.post('/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`signing in ${email}: ${res.status} ${res.text}`);
    return agentFor(res.body.id, email, password, cookiesOf(res));
  };

  return {
    app,
    http,
    prisma,
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
    signIn,
    async userFor(role, customerId) {
      const n = ++userCount;
      const email = `${role.toLowerCase()}-${n}@people.example.test`;
      const password = `Long-test-passphrase-${n}-${role}`;
      await prisma.user.create({
        data: {
          email,
          name: `${role} person ${n}`,
          role,
          customerId: customerId ?? null,
          status: 'ACTIVE',
          passwordHash: await hasher.hash(password),
        },
      });
      return signIn(email, password);
    },
    adminUser: () => signIn(ADMIN_EMAIL, ADMIN_PASSWORD),
    authSettled: () => app.get(AuthChangeListener).settle(),
    async anotherInstance(more) {
      const other = await createApp(configWith(more), db.url, webAppDir);
      await other.init();
      return other;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
