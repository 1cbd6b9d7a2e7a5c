import { startTestApp, TestApp } from './helpers/test-app';

// People's accounts have a history too: who invited whom, who disabled whom, every sign-in and
// password change — append-only, with the acting person named.
describe('account history', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function historyOf(id: string, auth: string = t.admin) {
    const res = await t.http.get(`/api/v1/users/${id}/history`).set('Authorization', auth);
    expect(res.status).toBe(200);
    return res.body.items as {
      id: string;
      action: string;
      actor: { kind: string; id: string | null; name: string; email: string | null };
      changes: Record<string, unknown>;
      requestId: string | null;
      at: string;
    }[];
  }

  it('records invitation, acceptance, sign-in, changes by a manager, password change and disabling', async () => {
    const admin = await t.adminUser();
    const customer = await t.http
      .post('/api/v1/customers')
      .set('Authorization', t.admin)
      .send({ name: 'History Inc' });
    const invited = await admin
      .post('/api/v1/users')
      .set('X-Request-Id', 'invite-req-1')
      .send({ email: 'Hanna@History.test', role: 'CUSTOMER', customerId: customer.body.id });
    expect(invited.status).toBe(201);
    const userId = invited.body.user.id as string;
    const token = new URL(invited.body.invitation.url).pathname.split('/').pop()!;
    const password = 'Lighthouse-keeper-passphrase-77';
    const accepted = await t.http
      .post(`/auth/invitations/${token}/accept`)
      .send({ name: 'Hanna History', password });
    expect(accepted.status).toBe(200);
    const hanna = await t.signIn('hanna@history.test', password);
    await admin.patch(`/api/v1/users/${userId}`).send({ name: 'Hanna H. History' }).expect(200);
    await hanna
      .post('/api/v1/me/password')
      .send({ currentPassword: password, newPassword: 'Another-long-passphrase-88' })
      .expect(204);
    await admin.patch(`/api/v1/users/${userId}`).send({ status: 'DISABLED' }).expect(200);
    await admin.patch(`/api/v1/users/${userId}`).send({ status: 'ACTIVE' }).expect(200);

    const events = await historyOf(userId);
    expect(events.map((e) => e.action)).toEqual([
      'user.invited',
      'user.invitation_accepted',
      'user.signed_in',
      'user.signed_in',
      'user.updated',
      'user.password_changed',
      'user.disabled',
      'user.enabled',
    ]);
    const [invite, accept, firstSignIn, , rename, passwordChange, disable] = events;
    expect(invite.actor).toMatchObject({ kind: 'user', id: admin.id, email: admin.email });
    expect(invite.requestId).toBe('invite-req-1');
    expect(invite.changes).toMatchObject({ email: 'hanna@history.test', role: 'CUSTOMER' });
    expect(accept.actor).toMatchObject({ kind: 'user', id: userId, name: 'Hanna History' });
    expect(firstSignIn.changes).toEqual({ method: 'invitation' });
    expect(rename.changes).toEqual({ name: { from: 'Hanna History', to: 'Hanna H. History' } });
    expect(passwordChange.actor.id).toBe(userId);
    expect(passwordChange.changes).toEqual({});
    expect(disable.actor.id).toBe(admin.id);
    expect(disable.changes).toEqual({ status: { from: 'ACTIVE', to: 'DISABLED' } });
    // Nothing secret is ever recorded.
    expect(JSON.stringify(events)).not.toMatch(/passphrase|argon2|token/i);
  });

  it('is refused to those who may not manage the person, and names a new link', async () => {
    const staff = await t.keyFor('STAFF');
    const someAdmin = await t.userFor('ADMIN');
    // STAFF manages CUSTOMER users only: an ADMIN's history is as if there were none.
    const refused = await t.http
      .get(`/api/v1/users/${someAdmin.id}/history`)
      .set('Authorization', staff);
    expect(refused.status).toBe(404);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.http
      .post(`/api/v1/users/${someAdmin.id}/invitation`)
      .set('Authorization', t.admin)
      .expect(201);
    const events = await historyOf(someAdmin.id);
    expect(events.map((e) => e.action)).toEqual(['user.signed_in', 'user.invitation_renewed']);
    expect(events[1].actor).toMatchObject({ kind: 'key', name: expect.any(String), email: null });
  });

  it('lists the latest first with order=newest; a cursor goes on in the order it came from', async () => {
    const someone = await t.userFor('STAFF');
    for (let i = 0; i < 2; i++) {
      await t.http
        .post(`/api/v1/users/${someone.id}/invitation`)
        .set('Authorization', t.admin)
        .expect(201);
    }
    const ids = (items: { id: string }[]) => items.map((e) => e.id);
    const oldestFirst = ids(await historyOf(someone.id));
    expect(oldestFirst).toHaveLength(3);
    const url = `/api/v1/users/${someone.id}/history`;
    const first = await t.http
      .get(`${url}?order=newest&limit=2`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(first.body.items[0].action).toBe('user.invitation_renewed');
    const rest = await t.http
      .get(`${url}?order=newest&limit=2&cursor=${first.body.nextCursor}`)
      .set('Authorization', t.admin)
      .expect(200);
    expect([...ids(first.body.items), ...ids(rest.body.items)]).toEqual(oldestFirst.reverse());
    const mixed = await t.http
      .get(`${url}?order=oldest&cursor=${first.body.nextCursor}`)
      .set('Authorization', t.admin);
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
  });

  it('is append-only: the database refuses to change or remove an event', async () => {
    const [event] = await t.prisma.accountEvent.findMany({ take: 1 });
    await expect(
      t.prisma.$executeRaw`UPDATE account_event SET action = 'x' WHERE id = ${event.id}`,
    ).rejects.toThrow(/append-only/);
    await expect(
      t.prisma.$executeRaw`DELETE FROM account_event WHERE id = ${event.id}`,
    ).rejects.toThrow(/append-only/);
  });

  it('pages with a cursor and refuses a tampered one', async () => {
    const someone = await t.userFor('STAFF');
    for (let i = 0; i < 3; i++) {
      await t.http
        .post(`/api/v1/users/${someone.id}/invitation`)
        .set('Authorization', t.admin)
        .expect(201);
    }
    const first = await t.http
      .get(`/api/v1/users/${someone.id}/history?limit=2`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    const rest = await t.http
      .get(`/api/v1/users/${someone.id}/history?limit=2&cursor=${first.body.nextCursor}`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(rest.body.items).toHaveLength(2);
    expect(rest.body.nextCursor).toBeNull();
    const tampered = await t.http
      .get(`/api/v1/users/${someone.id}/history?cursor=bm9wZQ`)
      .set('Authorization', t.admin);
    expect(tampered.status).toBe(400);
    expect(JSON.stringify(tampered.body.errors)).toContain('cursor');
  });
});
