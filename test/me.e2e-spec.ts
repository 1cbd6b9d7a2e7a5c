import { expectProblem } from './helpers/problem';
import { startTestApp, TestApp, UserAgent } from './helpers/test-app';

/** PATCH /api/v1/me: a person sets their own name, as an administrator could for them. */
describe('your own account: PATCH /api/v1/me', () => {
  let t: TestApp;
  let customerId: string;
  beforeAll(async () => {
    t = await startTestApp();
    customerId = (
      await t.http.post('/api/v1/customers').set('Authorization', t.admin).send({ name: 'Me Co' })
    ).body.id;
  });
  afterAll(() => t.close());

  const historyOf = async (id: string) =>
    (await t.http.get(`/api/v1/users/${id}/history`).set('Authorization', t.admin).expect(200)).body
      .items as {
      action: string;
      actor: { kind: string; id: string; name: string };
      changes: Record<string, unknown>;
      requestId: string | null;
    }[];
  const nameOf = async (person: UserAgent) =>
    (await t.prisma.user.findUniqueOrThrow({ where: { id: person.id } })).name;

  it('sets the name, records it as a change by the person, and their next request carries it', async () => {
    const ana = await t.userFor('CUSTOMER', customerId);
    const before = await nameOf(ana);
    const res = await ana
      .patch('/api/v1/me')
      .set('X-Request-Id', 'rename-req-1')
      .send({ name: '  Ana A\u0301vila ' })
      .expect(200);
    // Tidied and composed as every name is: surrounding blanks go, "Á" is one character.
    expect(res.body).toMatchObject({
      kind: 'user',
      id: ana.id,
      name: 'Ana Ávila',
      email: ana.email,
      role: 'CUSTOMER',
      customerId,
      customerName: 'Me Co',
    });
    expect(await nameOf(ana)).toBe('Ana Ávila');
    const [renamed] = (await historyOf(ana.id)).filter((e) => e.action === 'user.updated');
    expect(renamed).toMatchObject({
      actor: { kind: 'user', id: ana.id, name: before },
      changes: { name: { from: before, to: 'Ana Ávila' } },
      requestId: 'rename-req-1',
    });

    // The very next request is made by "Ana Ávila": who she is, and the actor of her next change.
    expect((await ana.get('/api/v1/me').expect(200)).body.name).toBe('Ana Ávila');
    await ana.patch('/api/v1/me').send({ name: 'Ana Ávila Souza' }).expect(200);
    const renames = (await historyOf(ana.id)).filter((e) => e.action === 'user.updated');
    expect(renames.map((e) => [e.actor.name, e.changes])).toEqual([
      [before, { name: { from: before, to: 'Ana Ávila' } }],
      ['Ana Ávila', { name: { from: 'Ana Ávila', to: 'Ana Ávila Souza' } }],
    ]);

    // The same name again changes nothing, so nothing is recorded.
    await ana.patch('/api/v1/me').send({ name: 'Ana Ávila Souza' }).expect(200);
    expect((await historyOf(ana.id)).filter((e) => e.action === 'user.updated')).toHaveLength(2);
  });

  it('GET /api/v1/me/account: the name as set (null until then) and how the person signs in', async () => {
    const admin = await t.adminUser();
    // The bootstrap admin gave no name: Me shows the email, the account says nothing is set.
    expect((await admin.get('/api/v1/me').expect(200)).body.name).toBe(admin.email);
    expect((await admin.get('/api/v1/me/account').expect(200)).body).toEqual({
      id: admin.id,
      email: admin.email,
      name: null,
      role: 'ADMIN',
      customerId: null,
      customerName: null,
      signInMethods: ['password'],
    });
    const cleo = await t.userFor('CUSTOMER', customerId);
    expect((await cleo.get('/api/v1/me/account').expect(200)).body).toMatchObject({
      name: expect.stringContaining('CUSTOMER person'),
      customerName: 'Me Co',
      signInMethods: ['password'],
    });
    expectProblem(await t.http.get('/api/v1/me/account').set('Authorization', t.admin), 403);
  });

  it('an API key has no name of its own here (403), and nothing changes', async () => {
    const key = await t.keyFor('STAFF');
    const keysBefore = await t.prisma.apiKey.findMany({ orderBy: { id: 'asc' } });
    const eventsBefore = await t.prisma.accountEvent.count();
    const res = await t.http
      .patch('/api/v1/me')
      .set('Authorization', key)
      .send({ name: 'Renamed key' });
    expectProblem(res, 403);
    expect(res.body.detail).toMatch(/API key/);
    // A key's last use moves as it is used; its name and everything else stay.
    const keysAfter = await t.prisma.apiKey.findMany({ orderBy: { id: 'asc' } });
    expect(keysAfter.map((k) => k.name)).toEqual(keysBefore.map((k) => k.name));
    expect(await t.prisma.accountEvent.count()).toBe(eventsBefore);
  });

  it('checks the name as an invitation or an administrator would: 400 naming name, same messages, nothing changed', async () => {
    const ben = await t.userFor('STAFF');
    const other = await t.userFor('STAFF');
    const before = await nameOf(ben);
    const eventsBefore = (await historyOf(ben.id)).length;
    for (const body of [
      {},
      { name: '' },
      { name: ' \u200b ' },
      { name: null },
      { name: 42 },
      { name: 'x'.repeat(201) },
    ]) {
      const res = await ben.patch('/api/v1/me').send(body);
      expectProblem(res, 400, 'name');
      // Word for word what an administrator renaming someone is told (a missing name aside: that
      // is allowed there, where name is one change among several).
      if ('name' in body) {
        const managed = await t.http
          .patch(`/api/v1/users/${other.id}`)
          .set('Authorization', t.admin)
          .send(body);
        expect(res.body.errors).toEqual(managed.body.errors);
      }
    }
    // Nothing else may be changed this way: role and status are an administrator's.
    expectProblem(await ben.patch('/api/v1/me').send({ name: 'Ben', role: 'ADMIN' }), 400, 'role');
    expect(await nameOf(ben)).toBe(before);
    expect(await t.prisma.user.findUniqueOrThrow({ where: { id: ben.id } })).toMatchObject({
      role: 'STAFF',
    });
    expect(await historyOf(ben.id)).toHaveLength(eventsBefore);
  });
});
