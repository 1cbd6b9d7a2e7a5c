import fc from 'fast-check';
import { createCustomer } from './helpers/engagement-api';
import { startTestApp, TestApp, UserAgent } from './helpers/test-app';

/**
 * Whatever a client sends to the sign-in, invitation, me and users endpoints: never a 5xx, every
 * refusal is problem+json, and a refusal changes nothing.
 */
describe('identity endpoints under arbitrary input', () => {
  let t: TestApp;
  let admin: UserAgent;
  let customer: string;
  let invitedId: string;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '1000',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000',
    });
    admin = await t.adminUser();
    customer = await createCustomer(t, 'Fuzz Co');
    const invited = await t.http
      .post('/api/v1/users')
      .set('Authorization', t.admin)
      .send({ email: 'fuzz-invitee@example.test', role: 'CUSTOMER', customerId: customer })
      .expect(201);
    invitedId = invited.body.user.id;
    token = invited.body.invitation.url.split('/invitations/')[1];
  });
  afterAll(() => t.close());

  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        ['app_user', 'invitation', 'user_session', 'customer'].map((table) =>
          t.prisma.$queryRawUnsafe(
            `SELECT to_jsonb(x)::text AS row FROM ${table} x ORDER BY to_jsonb(x)::text`,
          ),
        ),
      ),
    );

  const field = fc.oneof(
    fc.string(),
    fc.string({ minLength: 12, maxLength: 40 }),
    fc.emailAddress(),
    fc.constantFrom('ADMIN', 'STAFF', 'CUSTOMER', 'ACTIVE', 'DISABLED', 'INVITED', null),
    fc.uuid(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
  );
  const bodyOf = (keys: string[]) =>
    fc.oneof(
      fc.record(Object.fromEntries(keys.map((k) => [k, field])), { requiredKeys: [] }),
      fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), field, { maxKeys: 4 }),
      fc.anything(),
    );
  // The real link and user exist only once beforeAll has run: placeholders, filled in per run.
  const TOKEN = '{token}';
  const INVITED = '{invited}';
  const pathPart = fc.oneof(fc.string().map(encodeURIComponent), fc.uuid(), fc.constant(TOKEN));

  type Target = {
    method: 'get' | 'post' | 'patch';
    url: string;
    body?: unknown;
    auth: 'none' | 'person' | 'key';
  };
  const targets: fc.Arbitrary<Target> = fc.oneof(
    bodyOf(['email', 'password']).map((body) => ({
      method: 'post' as const,
      url: '/auth/login',
      body,
      auth: 'none' as const,
    })),
    pathPart.map((p) => ({
      method: 'get' as const,
      url: `/auth/invitations/${p}`,
      auth: 'none' as const,
    })),
    fc.tuple(pathPart, bodyOf(['name', 'password', 'email'])).map(([p, body]) => ({
      method: 'post' as const,
      url: `/auth/invitations/${p}/accept`,
      body,
      auth: 'none' as const,
    })),
    bodyOf(['name']).map((body) => ({
      method: 'patch' as const,
      url: '/api/v1/me',
      body,
      auth: 'person' as const,
    })),
    bodyOf(['currentPassword', 'newPassword']).map((body) => ({
      method: 'post' as const,
      url: '/api/v1/me/password',
      body,
      auth: 'person' as const,
    })),
    bodyOf(['email', 'name', 'role', 'customerId']).map((body) => ({
      method: 'post' as const,
      url: '/api/v1/users',
      body,
      auth: 'key' as const,
    })),
    fc
      .tuple(
        fc.oneof(pathPart, fc.constant(INVITED)),
        bodyOf(['name', 'role', 'customerId', 'status']),
      )
      .map(([p, body]) => ({
        method: 'patch' as const,
        url: `/api/v1/users/${p}`,
        body,
        auth: 'key' as const,
      })),
    fc
      .dictionary(
        fc.constantFrom('role', 'status', 'customerId', 'limit', 'cursor', 'x'),
        fc.string(),
        { maxKeys: 3 },
      )
      .map((q) => ({
        method: 'get' as const,
        url: `/api/v1/users?${new URLSearchParams(q).toString()}`,
        auth: 'key' as const,
      })),
  );

  it('never answers 5xx; refusals are problem+json and change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(targets, async (target) => {
        const before = await snapshot();
        const url = target.url.replace(TOKEN, token).replace(INVITED, invitedId);
        let req = t.http[target.method](url);
        if (target.auth === 'key') req = req.set('Authorization', t.admin);
        if (target.auth === 'person') req = req.set(admin.headers);
        const res =
          target.body === undefined
            ? await req
            : await req
                .set('Content-Type', 'application/json')
                .send(JSON.stringify(target.body) ?? 'null');
        expect({ url: target.url, status: res.status < 500 }).toEqual({
          url: target.url,
          status: true,
        });
        if (res.status >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(await snapshot()).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
  }, 180_000);

  it('garbage cookies and CSRF headers are a clean 401 or 403', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (cookie, csrf) => {
        const res = await t.http
          .post('/api/v1/customers')
          .set(
            'Cookie',
            `ot_session=${encodeURIComponent(cookie)}; ot_csrf=${encodeURIComponent(csrf)}`,
          )
          .set('X-CSRF-Token', encodeURIComponent(csrf) || 'x')
          .send({ name: 'Never Created' });
        expect([401, 403]).toContain(res.status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 100 },
    );
    expect(await t.prisma.customer.count({ where: { name: 'Never Created' } })).toBe(0);
  });
});
