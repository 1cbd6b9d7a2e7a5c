import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { hashApiKeySecret } from '../src/auth/api-key-secret';
import { AuthCache } from '../src/auth/auth-cache';
import { AuthChangeListener, LISTENER_APPLICATION_NAME } from '../src/auth/auth-change-listener';
import { hashSecretToken } from '../src/auth/domain/secret-token';
import { startTestApp, TestApp, UserAgent } from './helpers/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

/**
 * Two instances of the service on one database, as behind a load balancer: authentication is
 * served from each instance's cache, and every way a key or session can end — revocation,
 * sign-out, a disabled account, a role change, idle and absolute expiry — holds on the very next
 * request on both.
 */
describe('auth cache across two instances', () => {
  let t: TestApp;
  let second: NestExpressApplication;
  let b: TestAgent;
  const a = () => t.http;
  const instances = () => [t.app, second];

  beforeAll(async () => {
    t = await startTestApp({ SESSION_IDLE_MINUTES: '1' });
    second = await t.anotherInstance();
    b = request(second.getHttpServer());
    await until(() => instances().every((app) => app.get(AuthChangeListener).listening));
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  const secretOf = (authorization: string) => authorization.replace(/^Bearer /, '');
  const keyIdOf = async (authorization: string) =>
    (
      await t.prisma.apiKey.findUniqueOrThrow({
        where: { hash: hashApiKeySecret(secretOf(authorization)) },
      })
    ).id;
  const cachedKey = (app: NestExpressApplication, authorization: string) =>
    app.get(AuthCache).key(hashApiKeySecret(secretOf(authorization)));
  const sessionToken = (person: UserAgent) => /ot_session=([^;]+)/.exec(person.cookie)![1];
  const cachedSession = (app: NestExpressApplication, person: UserAgent) =>
    app.get(AuthCache).session(hashSecretToken(sessionToken(person)));
  /** Signed in on A; both instances have since served a request from the session. */
  const personOnBoth = async (role: 'STAFF' | 'CUSTOMER' = 'STAFF') => {
    const person = await t.userFor(role);
    for (const http of [a(), b]) {
      await http.get('/api/v1/me').set(person.headers).expect(200);
    }
    expect(instances().map((app) => cachedSession(app, person))).toEqual([
      expect.anything(),
      expect.anything(),
    ]);
    return person;
  };

  /**
   * A key's first request records its last use; that write's own notification drops the entry,
   * so the next request caches it (once a minute, then, a key costs one extra read).
   */
  const keyOnBoth = async () => {
    const key = await t.keyFor('STAFF');
    for (const http of [a(), b, a(), b]) {
      await http.get('/api/v1/me').set('Authorization', key).expect(200);
    }
    return key;
  };

  it('serves a known key from the cache on both instances', async () => {
    const key = await keyOnBoth();
    for (const app of instances()) {
      expect(cachedKey(app, key)).toMatchObject({ kind: 'key', role: 'STAFF' });
    }
  });

  it('a key revoked on one instance fails on the next request on the other', async () => {
    const key = await keyOnBoth();
    expect(cachedKey(second, key)).toBeDefined();
    await a()
      .delete(`/api/v1/api-keys/${await keyIdOf(key)}`)
      .set('Authorization', t.admin)
      .expect(200);
    await b.get('/api/v1/me').set('Authorization', key).expect(401);
    await a().get('/api/v1/me').set('Authorization', key).expect(401);
  });

  it('signing out on one instance ends the session on the other', async () => {
    const person = await personOnBoth();
    await a().post('/auth/logout').set(person.headers).expect(200);
    await b.get('/api/v1/me').set(person.headers).expect(401);
  });

  it('disabling a person on one instance ends their sessions on both at once', async () => {
    const person = await personOnBoth();
    await b
      .patch(`/api/v1/users/${person.id}`)
      .set('Authorization', t.admin)
      .send({ status: 'DISABLED' })
      .expect(200);
    await a().get('/api/v1/me').set(person.headers).expect(401);
    await b.get('/api/v1/me').set(person.headers).expect(401);
  });

  it('signing a person out everywhere on one instance ends every session of theirs on both', async () => {
    const person = await personOnBoth();
    const other = await t.signIn(person.email, person.password);
    for (const http of [a(), b]) await http.get('/api/v1/me').set(other.headers).expect(200);
    const res = await b
      .delete(`/api/v1/users/${person.id}/sessions`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(res.body).toEqual({ ended: 2 });
    for (const http of [a(), b]) {
      await http.get('/api/v1/me').set(person.headers).expect(401);
      await http.get('/api/v1/me').set(other.headers).expect(401);
    }
  });

  it('a new role holds from the next request on the other instance', async () => {
    const person = await personOnBoth();
    await a()
      .patch(`/api/v1/users/${person.id}`)
      .set('Authorization', t.admin)
      .send({ role: 'ADMIN' })
      .expect(200);
    const me = await b.get('/api/v1/me').set(person.headers).expect(200);
    expect(me.body.role).toBe('ADMIN');
  });

  it('a new name holds from the next request on the other instance', async () => {
    const person = await personOnBoth();
    await b.patch('/api/v1/me').set(person.headers).send({ name: 'Renée Renamed' }).expect(200);
    expect((await a().get('/api/v1/me').set(person.headers).expect(200)).body.name).toBe(
      'Renée Renamed',
    );
    // …and it is the name her next change is recorded under, there too.
    await a().patch('/api/v1/me').set(person.headers).send({ name: 'Renée R.' }).expect(200);
    const history = await b
      .get(`/api/v1/users/${person.id}/history`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(history.body.items.at(-1)).toMatchObject({
      action: 'user.updated',
      actor: { id: person.id, name: 'Renée Renamed' },
      changes: { name: { from: 'Renée Renamed', to: 'Renée R.' } },
    });
  });

  it('a password change ends the other sessions on both instances', async () => {
    const person = await personOnBoth();
    const other = await t.signIn(person.email, person.password);
    for (const http of [a(), b]) await http.get('/api/v1/me').set(other.headers).expect(200);
    await b
      .post('/api/v1/me/password')
      .set(person.headers)
      .send({ currentPassword: person.password, newPassword: 'Harbor-kestrel-lamp-73' })
      .expect(204);
    await a().get('/api/v1/me').set(other.headers).expect(401);
    await b.get('/api/v1/me').set(other.headers).expect(401);
  });

  it('a cached session ends at its absolute expiry on both instances, with nothing written', async () => {
    const person = await t.userFor('STAFF');
    await t.prisma.$executeRaw`
      UPDATE user_session SET expires_at = now() + interval '1500 milliseconds'
       WHERE user_id = ${person.id}::uuid`;
    await t.authSettled();
    for (const http of [a(), b]) await http.get('/api/v1/me').set(person.headers).expect(200);
    expect(cachedSession(second, person)).toBeDefined();
    await sleep(1_600);
    await a().get('/api/v1/me').set(person.headers).expect(401);
    await b.get('/api/v1/me').set(person.headers).expect(401);
  });

  it('an idle session written off in the database ends on both instances', async () => {
    const person = await personOnBoth();
    await t.prisma.$executeRaw`
      UPDATE user_session SET last_seen_at = now() - interval '61 seconds'
       WHERE user_id = ${person.id}::uuid`;
    await t.authSettled();
    await b.get('/api/v1/me').set(person.headers).expect(401);
    await a().get('/api/v1/me').set(person.headers).expect(401);
  });

  it('without its listener an instance bypasses the cache, so changes it missed still hold', async () => {
    const key = await keyOnBoth();
    await t.prisma.$queryRaw`
      SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = ${LISTENER_APPLICATION_NAME}`;
    await until(() => instances().every((app) => !app.get(AuthChangeListener).listening));
    // Revoked while nobody listens: no instance hears of it.
    await t.prisma.apiKey.update({
      where: { id: await keyIdOf(key) },
      data: { revokedAt: new Date() },
    });
    await a().get('/api/v1/me').set('Authorization', key).expect(401);
    await b.get('/api/v1/me').set('Authorization', key).expect(401);
    // Back again, the cache starts empty and works as before.
    await until(() => instances().every((app) => app.get(AuthChangeListener).listening));
    expect(cachedKey(second, key)).toBeUndefined();
    const fresh = await keyOnBoth();
    expect(cachedKey(second, fresh)).toBeDefined();
  });
});
