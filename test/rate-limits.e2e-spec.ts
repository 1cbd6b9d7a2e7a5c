import { expectProblem } from './helpers/problem';
import { startTestApp, TestApp } from './helpers/test-app';

/** 429s that say what the limit is without naming an internal class, and where a caller stands. */
describe('rate limits', () => {
  describe('per key', () => {
    const LIMIT = 3;
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    });
    afterAll(() => t.close());

    it('tells every answer the limit, and the 429 when and why', async () => {
      // Stay clear of a window boundary, which would reset the count half-way.
      const intoWindow = Date.now() % 60_000;
      if (intoWindow > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
      const key = await t.keyFor('STAFF');
      for (let i = 1; i <= LIMIT; i++) {
        const ok = await t.http.get('/api/v1/templates').set('Authorization', key);
        expect(ok.status).toBe(200);
        expect(ok.headers).toMatchObject({
          'x-ratelimit-limit': String(LIMIT),
          'x-ratelimit-remaining': String(LIMIT - i),
          'x-ratelimit-reset': expect.stringMatching(/^\d+$/),
          'ratelimit-policy': `"default";q=${LIMIT};w=60`,
          ratelimit: expect.stringMatching(new RegExp(`^"default";r=${LIMIT - i};t=\\d+$`)),
        });
      }
      const refused = await t.http.get('/api/v1/templates').set('Authorization', key);
      expectProblem(refused, 429);
      expect(refused.body.detail).toMatch(
        /^Too many requests: at most 3 per 60 seconds; try again in \d+ seconds$/,
      );
      expect(refused.text).not.toMatch(/Exception|Throttler/);
      expect(refused.headers).toMatchObject({
        'retry-after': expect.stringMatching(/^\d+$/),
        'x-ratelimit-limit': String(LIMIT),
        'x-ratelimit-remaining': '0',
        ratelimit: expect.stringMatching(/^"default";r=0;t=\d+$/),
        'cache-control': 'no-store',
      });
      expect(refused.body.retryAfterSeconds).toBe(Number(refused.headers['retry-after']));
    });
  });

  describe('one budget per caller', () => {
    const LIMIT = 4;
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    });
    afterAll(() => t.close());

    it('counts every operation a key calls against the same limit', async () => {
      const intoWindow = Date.now() % 60_000;
      if (intoWindow > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
      const key = await t.keyFor('STAFF');
      const paths = ['/api/v1/templates', '/api/v1/me', '/api/v1/customers', '/api/v1/engagements'];
      for (const [i, path] of paths.entries()) {
        const ok = await t.http.get(path).set('Authorization', key);
        expect(ok.status).toBe(200);
        expect(ok.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i - 1));
      }
      expectProblem(await t.http.get('/api/v1/reports/overdue').set('Authorization', key), 429);
      expectProblem(await t.http.get('/api/v1/templates').set('Authorization', key), 429);
      // Another caller has a budget of its own.
      await t.http.get('/api/v1/templates').set('Authorization', t.admin).expect(200);
    });
  });

  describe('failed authentication, per client address', () => {
    const MAX_FAILURES = 3;
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ SIGN_IN_MAX_FAILURES_PER_ADDRESS: String(MAX_FAILURES) });
    });
    afterAll(() => t.close());

    it('bad keys and dead session cookies count; then wrong ones wait, while valid keys and sign-ins go on', async () => {
      const bad = [
        () => t.http.get('/api/v1/me').set('Authorization', 'Bearer otk_not-a-real-key'),
        () => t.http.get('/api/v1/me').set('Authorization', 'Basic abc'),
        () => t.http.get('/api/v1/me').set('Cookie', 'ot_session=forged'),
      ];
      for (const attempt of bad) expectProblem(await attempt(), 401);
      for (const attempt of bad) {
        const locked = await attempt();
        expectProblem(locked, 429);
        expect(locked.body.detail).toMatch(/failed authentication attempts from this address/);
        expect(locked.headers['retry-after']).toMatch(/^\d+$/);
      }
      // A valid key is honoured: a revoked key in a cron job must not lock out its neighbours.
      await t.http.get('/api/v1/me').set('Authorization', t.admin).expect(200);
      // No credentials at all is no attempt: not counted, still a plain 401.
      expectProblem(await t.http.get('/api/v1/me'), 401);
      // Sign-ins by password keep their own budget: a wrong password is a plain 401.
      const signIn = await t.http
        .post('/auth/login')
        .send({ email: 'nobody@example.com', password: 'Not-the-password-42' });
      expectProblem(signIn, 401);
      const rows = await t.prisma.signInThrottle.findMany({ orderBy: { key: 'asc' } });
      expect(rows.map((r) => [r.key.replace(/:.*/, ''), r.failures])).toEqual([
        ['account', 1],
        ['address', 1],
        ['credential', MAX_FAILURES],
      ]);
    });
  });
});
