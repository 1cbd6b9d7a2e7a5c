import { startTestApp, TestApp } from './helpers/test-app';

describe('sessions: expiry, password change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '24' });
  });
  afterAll(() => t.close());

  const sessionOf = (userId: string) =>
    t.prisma.userSession.findFirstOrThrow({ where: { userId } });

  it('a session lives SESSION_MAX_HOURS at most, and says so in the cookie', async () => {
    const person = await t.userFor('STAFF');
    const session = await sessionOf(person.id);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(24 * 3_600_000);
    const res = await t.http
      .post('/auth/login')
      .send({ email: person.email, password: person.password });
    expect(String(res.headers['set-cookie'])).toMatch(/Max-Age=86400/);
  });

  it('ends after SESSION_IDLE_MINUTES without a request', async () => {
    const person = await t.userFor('STAFF');
    const session = await sessionOf(person.id);
    await t.prisma.userSession.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) },
    });
    await person.get('/api/v1/me').expect(200);
    // That request counted as activity: the idle clock restarted.
    const touched = await sessionOf(person.id);
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(60_000);
    await t.prisma.userSession.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
    });
    // Written behind the service's back: wait for the change notification to reach it.
    await t.authSettled();
    const res = await person.get('/api/v1/me').expect(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await t.prisma.userSession.count({ where: { id: session.id } })).toBe(0);
  });

  it('ends at its absolute expiry, however active', async () => {
    const person = await t.userFor('STAFF');
    const session = await sessionOf(person.id);
    await t.prisma.userSession.update({
      where: { id: session.id },
      data: { expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() },
    });
    await t.authSettled();
    await person.get('/api/v1/me').expect(401);
  });

  it('does not write on every read: last-seen moves at most once a minute', async () => {
    const person = await t.userFor('STAFF');
    const first = await sessionOf(person.id);
    await person.get('/api/v1/me').expect(200);
    await person.get('/api/v1/me').expect(200);
    expect((await sessionOf(person.id)).lastSeenAt).toEqual(first.lastSeenAt);
  });

  describe('POST /api/v1/me/password', () => {
    const NEW_PASSWORD = 'Completely-new-passphrase-88';

    it('changes the password, ends the other sessions and rotates this one', async () => {
      const person = await t.userFor(
        'CUSTOMER',
        (await t.prisma.customer.create({ data: { id: crypto.randomUUID(), name: 'Pw Co' } })).id,
      );
      const other = await t.signIn(person.email, person.password);
      const res = await person
        .post('/api/v1/me/password')
        .send({ currentPassword: person.password, newPassword: NEW_PASSWORD })
        .expect(204);
      await other.get('/api/v1/me').expect(401);
      await person.get('/api/v1/me').expect(401);
      const set = String(res.headers['set-cookie']);
      const rotated = /ot_session=([^;]+)/.exec(set)![1];
      await t.http.get('/api/v1/me').set('Cookie', `ot_session=${rotated}`).expect(200);
      expect(await t.prisma.userSession.count({ where: { userId: person.id } })).toBe(1);
      await t.http
        .post('/auth/login')
        .send({ email: person.email, password: person.password })
        .expect(401);
      await t.signIn(person.email, NEW_PASSWORD);
    });

    it('refuses a wrong current password or a weak new one (422), changing nothing', async () => {
      const person = await t.userFor('STAFF');
      const before = (await t.prisma.user.findUniqueOrThrow({ where: { id: person.id } }))
        .passwordHash;
      for (const [body, field] of [
        [
          { currentPassword: 'not-my-password-at-all', newPassword: NEW_PASSWORD },
          'currentPassword',
        ],
        [{ currentPassword: person.password, newPassword: 'password1234' }, 'newPassword'],
        [{ currentPassword: person.password, newPassword: person.password }, 'newPassword'],
        [
          { currentPassword: person.password, newPassword: `x${person.email.split('@')[0]}x` },
          'newPassword',
        ],
      ] as const) {
        const res = await person.post('/api/v1/me/password').send(body).expect(422);
        expect(res.body.errors).toEqual([{ field, message: expect.any(String) }]);
      }
      const after = (await t.prisma.user.findUniqueOrThrow({ where: { id: person.id } }))
        .passwordHash;
      expect(after).toBe(before);
      await person.get('/api/v1/me').expect(200);
    });

    it('API keys have no password (403)', async () => {
      await t.http
        .post('/api/v1/me/password')
        .set('Authorization', t.admin)
        .send({ currentPassword: 'whatever-it-was', newPassword: NEW_PASSWORD })
        .expect(403);
    });
  });

  it('rate-limits per person (user:<id>), like per key', async () => {
    const limited = await startTestApp({ RATE_LIMIT_PER_MINUTE: '4' });
    try {
      const ann = await limited.userFor('STAFF');
      const ben = await limited.userFor('STAFF');
      for (let i = 0; i < 4; i++) await ann.get('/api/v1/me').expect(200);
      const res = await ann.get('/api/v1/me').expect(429);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // A second browser of the same person shares the limit; another person does not.
      const annAgain = await limited.signIn(ann.email, ann.password);
      await annAgain.get('/api/v1/me').expect(429);
      await ben.get('/api/v1/me').expect(200);
    } finally {
      await limited.close();
    }
  });
});
