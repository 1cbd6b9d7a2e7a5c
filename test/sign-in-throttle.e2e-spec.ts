import request from 'supertest';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app-config';
import { startTestApp, TestApp } from './helpers/test-app';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

describe('failed sign-ins', () => {
  describe('the same answer, in the same time, for a wrong password and an unknown email', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '1000',
        SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000',
      });
    });
    afterAll(() => t.close());

    it('answers the same 401 problem for every kind of failure', async () => {
      const person = await t.userFor('STAFF');
      const invited = await t.http
        .post('/api/v1/users')
        .set('Authorization', t.admin)
        .send({ email: 'not-yet@example.test', role: 'STAFF' })
        .expect(201);
      expect(invited.body.user.status).toBe('INVITED');
      const attempts = [
        { email: person.email, password: 'wrong-password-entirely' },
        { email: 'nobody@example.test', password: 'wrong-password-entirely' },
        { email: 'not-yet@example.test', password: 'wrong-password-entirely' },
        { email: 'not an email', password: 'x' },
      ];
      const shapes = [];
      for (const body of attempts) {
        const res = await t.http.post('/auth/login').send(body).expect(401);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.headers['set-cookie']).toBeUndefined();
        const { type, title, status, detail } = res.body;
        shapes.push({ type, title, status, detail, keys: Object.keys(res.body).sort() });
      }
      expect(new Set(shapes.map((s) => JSON.stringify(s))).size).toBe(1);
    });

    it('takes as long for an unknown email as for a wrong password (medians within a band)', async () => {
      const person = await t.userFor('STAFF');
      const time = async (email: string) => {
        const started = process.hrtime.bigint();
        await t.http
          .post('/auth/login')
          .send({ email, password: 'Wrong-password-123' })
          .expect(401);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      // Warm up both paths, then interleave so machine load hits both alike.
      await time(person.email);
      await time('warm-up@example.test');
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 31; i++) {
        known.push(await time(person.email));
        unknown.push(await time(`nobody-${i}@example.test`));
      }
      const [a, b] = [median(known), median(unknown)];
      // Both verify one argon2id hash (about 10-20 ms here). Skipping the dummy hash for unknown
      // emails makes them faster by that much, well outside this band.
      expect(Math.min(a, b)).toBeGreaterThan(5);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(4, 0.25 * Math.max(a, b)));
    });
  });

  describe('throttling, shared by every instance through PostgreSQL', () => {
    let t: TestApp;
    const env = {
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '3',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '8',
      SIGN_IN_LOCKOUT_MINUTES: '15',
    };
    beforeAll(async () => {
      t = await startTestApp(env);
    });
    afterAll(() => t.close());
    afterEach(() => t.prisma.signInThrottle.deleteMany());

    const attempt = (email: string, password: string) =>
      t.http.post('/auth/login').send({ email, password });

    it('locks an account after the maximum failures: 429 with Retry-After, even with the right password', async () => {
      const person = await t.userFor('STAFF');
      for (let i = 0; i < 3; i++)
        expect((await attempt(person.email, 'Wrong-password-1')).status).toBe(401);
      const locked = await attempt(person.email, person.password);
      expect(locked.status).toBe(429);
      expect(locked.headers['content-type']).toMatch(/application\/problem\+json/);
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // People read minutes, not "899 seconds" (Retry-After stays in seconds, for programs).
      expect(locked.body.detail).toBe('Too many failed sign-ins; try again in 15 minutes');
      expect(locked.headers['set-cookie']).toBeUndefined();
      expect(await t.prisma.userSession.count({ where: { userId: person.id } })).toBe(1);
      // Another account from the same address is not affected.
      const other = await t.userFor('STAFF');
      expect(other.id).toBeTruthy();
      // When the lock runs out, the right password works and clears the count.
      await t.prisma.signInThrottle.update({
        where: { key: `account:${person.email}` },
        data: {
          lockedUntil: new Date(Date.now() - 1000),
          windowStartedAt: new Date(Date.now() - 16 * 60_000),
        },
      });
      expect((await attempt(person.email, person.password)).status).toBe(200);
      expect(
        await t.prisma.signInThrottle.count({ where: { key: `account:${person.email}` } }),
      ).toBe(0);
    });

    it('a new password set through a reset link lifts the lock: the new password signs in at once', async () => {
      const person = await t.userFor('STAFF');
      for (let i = 0; i < 3; i++)
        expect((await attempt(person.email, 'Wrong-password-1')).status).toBe(401);
      expect((await attempt(person.email, person.password)).status).toBe(429);
      const link = await t.http
        .post(`/api/v1/users/${person.id}/invitation`)
        .set('Authorization', t.admin)
        .expect(201);
      const token = link.body.url.split('/invitations/')[1];
      const newPassword = 'Saffron-ledger-74-quay';
      await t.http
        .post(`/auth/invitations/${token}/accept`)
        .send({ name: 'Locked Out', password: newPassword })
        .expect(200);
      expect(
        await t.prisma.signInThrottle.count({ where: { key: `account:${person.email}` } }),
      ).toBe(0);
      expect((await attempt(person.email, newPassword)).status).toBe(200);
      // Only that account's lock: the address keeps its count of the failures.
      const address = await t.prisma.signInThrottle.findFirstOrThrow({
        where: { key: { startsWith: 'address:' } },
      });
      expect(address.failures).toBeGreaterThan(0);
    });

    it('a burst of parallel guesses gets no more tries than one after another: the right password sent last is refused', async () => {
      const person = await t.userFor('STAFF');
      const guesses = Array.from({ length: 20 }, (_, i) => `Wrong-password-${i}`);
      const answers = await Promise.all(
        [...guesses, person.password].map((password) => attempt(person.email, password)),
      );
      const statuses = answers.map((r) => r.status);
      // Each sign-in takes its try before its password is checked: three are checked, the rest
      // are refused unchecked — whichever arrive first, and however the 21 interleave.
      expect(statuses.filter((s) => s !== 429)).toHaveLength(3);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
      const last = answers[answers.length - 1];
      if (last.status === 429) expect(last.headers['set-cookie']).toBeUndefined();
      // The account is locked now, whatever the burst held.
      expect((await attempt(person.email, person.password)).status).toBe(429);
    });

    it('a right password gives its try back: signing in again and again never locks anyone', async () => {
      const person = await t.userFor('STAFF');
      for (let i = 0; i < 10; i++) {
        expect((await attempt(person.email, person.password)).status).toBe(200);
      }
      const rows = await t.prisma.signInThrottle.findMany();
      expect(rows.map((r) => [r.key.replace(/:.*/, ''), r.failures, r.lockedUntil])).toEqual([
        ['address', 0, null],
      ]);
    });

    it('locks an unknown email just the same, so a lock reveals nothing', async () => {
      for (let i = 0; i < 3; i++)
        expect((await attempt('ghost@example.test', 'Wrong-password-1')).status).toBe(401);
      expect((await attempt('GHOST@example.test', 'Wrong-password-1')).status).toBe(429);
    });

    it('locks a client address that fails across many accounts', async () => {
      for (let i = 0; i < 8; i++) {
        expect((await attempt(`spray-${i}@example.test`, 'Wrong-password-1')).status).toBe(401);
      }
      const person = await t.prisma.user.findFirstOrThrow({ where: { status: 'ACTIVE' } });
      const res = await attempt(person.email, 'anything-at-all-here');
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('counts failures on one instance against sign-ins on another', async () => {
      const person = await t.userFor('STAFF');
      const second = await createApp(
        loadConfig({
          LOG_LEVEL: 'silent',
          ESCALATION_ENABLED: 'false',
          ...env,
          DATABASE_URL: t.db.url,
        }),
        t.db.url,
      );
      await second.init();
      try {
        const other = request(second.getHttpServer());
        for (let i = 0; i < 3; i++) {
          const http = i % 2 === 0 ? t.http : other;
          expect(
            (
              await http
                .post('/auth/login')
                .send({ email: person.email, password: 'Wrong-password-1' })
            ).status,
          ).toBe(401);
        }
        const res = await other
          .post('/auth/login')
          .send({ email: person.email, password: person.password });
        expect(res.status).toBe(429);
      } finally {
        await second.close();
      }
    });

    it('wrong current passwords when changing it count too', async () => {
      const person = await t.userFor('STAFF');
      for (let i = 0; i < 3; i++) {
        await person
          .post('/api/v1/me/password')
          .send({ currentPassword: 'Wrong-password-1', newPassword: 'Brand-new-passphrase-5' })
          .expect(422);
      }
      const res = await person
        .post('/api/v1/me/password')
        .send({ currentPassword: person.password, newPassword: 'Brand-new-passphrase-5' });
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBeDefined();
    });
  });
});
