import { createCustomer, snapshotDatabase } from './helpers/engagement-api';
import { cookiesOf, startTestApp, TestApp, UserAgent } from './helpers/test-app';

const GOOD_PASSWORD = 'Granite-kettle-orbit-19';
const tokenOf = (url: string) => url.split('/invitations/')[1];

describe('users and invitations', () => {
  let t: TestApp;
  let customer: string;
  let otherCustomer: string;
  let staffKey: string;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://tracker.example.test/' });
    customer = await createCustomer(t, 'Invited Industries');
    otherCustomer = await createCustomer(t, 'Other Outfit');
    staffKey = await t.keyFor('STAFF');
  });
  afterAll(() => t.close());

  const invite = async (body: object, auth = t.admin) =>
    t.http.post('/api/v1/users').set('Authorization', auth).send(body);

  it('invites a person: an INVITED user and a one-time link under PUBLIC_URL, stored hashed', async () => {
    const res = await invite({
      email: ' Ana.Silva@Example.TEST ',
      role: 'CUSTOMER',
      customerId: customer,
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({
      id: expect.any(String),
      email: 'ana.silva@example.test',
      name: null,
      role: 'CUSTOMER',
      customerId: customer,
      status: 'INVITED',
      createdAt: expect.any(String),
      lastSignInAt: null,
      hasPassword: false,
      ssoIdentity: null,
    });
    expect(res.body.invitation.url).toMatch(
      /^https:\/\/tracker\.example\.test\/invitations\/[A-Za-z0-9_-]{43}$/,
    );
    const days = (Date.parse(res.body.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const stored = await t.prisma.invitation.findMany({ where: { userId: res.body.user.id } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(tokenOf(res.body.invitation.url));

    const offer = await t.http
      .get(`/auth/invitations/${tokenOf(res.body.invitation.url)}`)
      .expect(200);
    expect(offer.body).toEqual({
      purpose: 'invitation',
      email: 'ana.silva@example.test',
      name: null,
      role: 'CUSTOMER',
      customerId: customer,
      customerName: 'Invited Industries',
      expiresAt: res.body.invitation.expiresAt,
    });
  });

  it('accepting sets name and password, activates, signs in; the link then stops working', async () => {
    const res = await invite({ email: 'bo@example.test', role: 'STAFF' });
    const token = tokenOf(res.body.invitation.url);
    const accepted = await t.http
      .post(`/auth/invitations/${token}/accept`)
      .send({ name: 'Bo Lindqvist', password: GOOD_PASSWORD })
      .expect(200);
    expect(accepted.body).toMatchObject({ kind: 'user', name: 'Bo Lindqvist', role: 'STAFF' });
    const cookies = cookiesOf(accepted);
    await t.http.get('/api/v1/me').set('Cookie', `ot_session=${cookies.ot_session}`).expect(200);
    await t.http.get(`/auth/invitations/${token}`).expect(404);
    const again = await t.http
      .post(`/auth/invitations/${token}/accept`)
      .send({ name: 'Mallory', password: GOOD_PASSWORD })
      .expect(404);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
    await t.signIn('bo@example.test', GOOD_PASSWORD);
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email: 'bo@example.test' } });
    expect(user).toMatchObject({ status: 'ACTIVE', name: 'Bo Lindqvist' });
    const shown = await t.http.get(`/api/v1/users/${user.id}`).set('Authorization', t.admin);
    expect(shown.body).toMatchObject({ status: 'ACTIVE', hasPassword: true });
  });

  it('refuses weak passwords and a different email on accept (422), using nothing up', async () => {
    const res = await invite({ email: 'cy@example.test', role: 'STAFF' });
    const token = tokenOf(res.body.invitation.url);
    const before = await snapshotDatabase(t);
    for (const [body, field] of [
      [{ name: 'Cy', password: 'short' }, 'password'],
      [{ name: 'Cy', password: 'password1234' }, 'password'],
      [{ name: 'Cy', password: 'cy-cy-cy-cy-cy-cy' }, 'password'],
      [{ name: 'Cy', password: GOOD_PASSWORD, email: 'someone@example.test' }, 'email'],
      // Only a password reset may leave the name out (it keeps the one the person has).
      [{ password: GOOD_PASSWORD }, 'name'],
    ] as const) {
      const refused = await t.http.post(`/auth/invitations/${token}/accept`).send(body).expect(422);
      expect(refused.body.errors).toEqual([{ field, message: expect.any(String) }]);
    }
    const malformed = await t.http
      .post(`/auth/invitations/${token}/accept`)
      .send({ name: '', password: GOOD_PASSWORD, extra: 1 })
      .expect(400);
    expect(new Set(malformed.body.errors.map((e: { field: string }) => e.field))).toEqual(
      new Set(['extra', 'name']),
    );
    expect(await snapshotDatabase(t)).toBe(before);
    await t.http.get(`/auth/invitations/${token}`).expect(200);
  });

  it('unknown, malformed and expired links are all the same 404', async () => {
    for (const token of ['x'.repeat(43), 'nope', '%01', 'a'.repeat(500)]) {
      const res = await t.http.get(`/auth/invitations/${token}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    // U+0000 is refused in any path before routing, as a bad request that says nothing of links.
    const nul = await t.http.get('/auth/invitations/%00');
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([{ field: 'path', message: expect.any(String) }]);
    const res = await invite({ email: 'dee@example.test', role: 'STAFF' });
    const token = tokenOf(res.body.invitation.url);
    await t.prisma.invitation.updateMany({
      where: { userId: res.body.user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await t.http.get(`/auth/invitations/${token}`).expect(404);
    await t.http
      .post(`/auth/invitations/${token}/accept`)
      .send({ name: 'Dee', password: GOOD_PASSWORD })
      .expect(404);
  });

  it('a new link makes the older one stop working', async () => {
    const res = await invite({ email: 'eve@example.test', role: 'STAFF' });
    const first = tokenOf(res.body.invitation.url);
    const second = await t.http
      .post(`/api/v1/users/${res.body.user.id}/invitation`)
      .set('Authorization', t.admin)
      .expect(201);
    await t.http.get(`/auth/invitations/${first}`).expect(404);
    await t.http.get(`/auth/invitations/${tokenOf(second.body.url)}`).expect(200);
  });

  it('a second accept of the same link at the same moment loses', async () => {
    const res = await invite({ email: 'fay@example.test', role: 'STAFF' });
    const token = tokenOf(res.body.invitation.url);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        t.http
          .post(`/auth/invitations/${token}/accept`)
          .send({ name: 'Fay', password: GOOD_PASSWORD }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 404, 404]);
  });

  describe('who may invite and manage whom', () => {
    it('STAFF may invite CUSTOMER users only (403 otherwise, nothing created)', async () => {
      const before = await snapshotDatabase(t);
      for (const role of ['ADMIN', 'STAFF']) {
        const res = await invite({ email: `staff-made-${role}@example.test`, role }, staffKey);
        expect(res.status).toBe(403);
      }
      expect(await snapshotDatabase(t)).toBe(before);
      const ok = await invite(
        { email: 'staff-made-customer@example.test', role: 'CUSTOMER', customerId: customer },
        staffKey,
      );
      expect(ok.status).toBe(201);
    });

    it('STAFF sees CUSTOMER users only, in lists and by id', async () => {
      const admin = await t.prisma.user.findFirstOrThrow({ where: { role: 'ADMIN' } });
      await t.http.get(`/api/v1/users/${admin.id}`).set('Authorization', staffKey).expect(404);
      const list = await t.http
        .get('/api/v1/users?limit=200')
        .set('Authorization', staffKey)
        .expect(200);
      expect(new Set(list.body.items.map((u: { role: string }) => u.role))).toEqual(
        new Set(['CUSTOMER']),
      );
      const none = await t.http
        .get('/api/v1/users?role=ADMIN')
        .set('Authorization', staffKey)
        .expect(200);
      expect(none.body.items).toEqual([]);
    });

    it('CUSTOMER principals manage nobody (403)', async () => {
      const person = await t.userFor('CUSTOMER', customer);
      await person.get('/api/v1/users').expect(403);
      const res = await person
        .post('/api/v1/users')
        .send({ email: 'sneaky@example.test', role: 'CUSTOMER', customerId: customer });
      expect(res.status).toBe(403);
    });

    it('applies the key rules to customers: required for CUSTOMER, forbidden otherwise, must exist', async () => {
      const before = await snapshotDatabase(t);
      const cases = [
        { email: 'g1@example.test', role: 'CUSTOMER' },
        { email: 'g2@example.test', role: 'STAFF', customerId: customer },
        { email: 'g3@example.test', role: 'CUSTOMER', customerId: crypto.randomUUID() },
      ];
      for (const body of cases) {
        const res = await invite(body);
        expect(res.status).toBe(422);
        expect(res.body.errors).toEqual([{ field: 'customerId', message: expect.any(String) }]);
      }
      expect(await snapshotDatabase(t)).toBe(before);
    });

    it('one account per email, whatever the case (409)', async () => {
      await invite({ email: 'hal@example.test', role: 'STAFF' }).then((r) =>
        expect(r.status).toBe(201),
      );
      const dup = await invite({ email: 'HAL@example.test', role: 'STAFF' });
      expect(dup.status).toBe(409);
      expect(dup.body.errors).toEqual([{ field: 'email', message: expect.any(String) }]);
    });

    it('lists with filters and cursors', async () => {
      const page1 = await t.http
        .get('/api/v1/users?role=STAFF&limit=2')
        .set('Authorization', t.admin)
        .expect(200);
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await t.http
        .get(`/api/v1/users?role=STAFF&limit=2&cursor=${page1.body.nextCursor}`)
        .set('Authorization', t.admin)
        .expect(200);
      const ids = [...page1.body.items, ...page2.body.items].map((u: { id: string }) => u.id);
      expect(new Set(ids).size).toBe(ids.length);
      const invited = await t.http
        .get(`/api/v1/users?status=INVITED&customerId=${customer}`)
        .set('Authorization', t.admin)
        .expect(200);
      expect(invited.body.items.length).toBeGreaterThan(0);
      for (const u of invited.body.items)
        expect(u).toMatchObject({ status: 'INVITED', customerId: customer });
      await t.http.get('/api/v1/users?cursor=garbage').set('Authorization', t.admin).expect(400);
      await t.http.get('/api/v1/users?status=ASLEEP').set('Authorization', t.admin).expect(400);
    });
  });

  describe('changing people', () => {
    let staffPerson: UserAgent;
    beforeAll(async () => {
      staffPerson = await t.userFor('STAFF');
    });

    it('moves a person between customers and roles, keeping role and customer consistent', async () => {
      const person = await t.userFor('CUSTOMER', customer);
      const moved = await t.http
        .patch(`/api/v1/users/${person.id}`)
        .set('Authorization', t.admin)
        .send({ customerId: otherCustomer, name: 'Renamed' })
        .expect(200);
      expect(moved.body).toMatchObject({ customerId: otherCustomer, name: 'Renamed' });
      // The very next request sees the new customer: no stale principal in the session.
      const me = await person.get('/api/v1/me').expect(200);
      expect(me.body.customerId).toBe(otherCustomer);
      const promoted = await t.http
        .patch(`/api/v1/users/${person.id}`)
        .set('Authorization', t.admin)
        .send({ role: 'STAFF' })
        .expect(200);
      expect(promoted.body).toMatchObject({ role: 'STAFF', customerId: null });
      const refused = await t.http
        .patch(`/api/v1/users/${person.id}`)
        .set('Authorization', t.admin)
        .send({ role: 'CUSTOMER' })
        .expect(422);
      expect(refused.body.errors[0].field).toBe('customerId');
    });

    it('STAFF cannot promote a CUSTOMER user (403) nor touch STAFF users (404)', async () => {
      const person = await t.userFor('CUSTOMER', customer);
      await staffPerson.patch(`/api/v1/users/${person.id}`).send({ role: 'STAFF' }).expect(403);
      const other = await t.userFor('STAFF');
      await staffPerson.patch(`/api/v1/users/${other.id}`).send({ name: 'x' }).expect(404);
      await staffPerson.post(`/api/v1/users/${other.id}/invitation`).expect(404);
    });

    it('nobody changes their own role or status (422)', async () => {
      const admin = await t.adminUser();
      const res = await admin
        .patch(`/api/v1/users/${admin.id}`)
        .send({ status: 'DISABLED' })
        .expect(422);
      expect(res.body.errors[0].field).toBe('status');
      await admin.patch(`/api/v1/users/${admin.id}`).send({ role: 'STAFF' }).expect(422);
    });

    it('disabling ends the sessions at once; enabling lets the person sign in again', async () => {
      const person = await t.userFor('CUSTOMER', customer);
      const secondBrowser = await t.signIn(person.email, person.password);
      await staffPerson
        .patch(`/api/v1/users/${person.id}`)
        .send({ status: 'DISABLED' })
        .expect(200);
      await person.get('/api/v1/me').expect(401);
      await secondBrowser.get('/api/v1/me').expect(401);
      expect(await t.prisma.userSession.count({ where: { userId: person.id } })).toBe(0);
      const signIn = await t.http
        .post('/auth/login')
        .send({ email: person.email, password: person.password })
        .expect(401);
      expect(signIn.body.detail).toBe('The email or password is not correct');
      await t.http
        .post(`/api/v1/users/${person.id}/invitation`)
        .set('Authorization', t.admin)
        .expect(409);
      const enabled = await t.http
        .patch(`/api/v1/users/${person.id}`)
        .set('Authorization', t.admin)
        .send({ status: 'ACTIVE' })
        .expect(200);
      expect(enabled.body.status).toBe('ACTIVE');
      await t.signIn(person.email, person.password);
    });

    it('a disabled invitee cannot accept; enabling them returns them to INVITED', async () => {
      const res = await invite({ email: 'ivy@example.test', role: 'STAFF' });
      const token = tokenOf(res.body.invitation.url);
      await t.http
        .patch(`/api/v1/users/${res.body.user.id}`)
        .set('Authorization', t.admin)
        .send({ status: 'DISABLED' })
        .expect(200);
      await t.http
        .post(`/auth/invitations/${token}/accept`)
        .send({ name: 'Ivy', password: GOOD_PASSWORD })
        .expect(404);
      const enabled = await t.http
        .patch(`/api/v1/users/${res.body.user.id}`)
        .set('Authorization', t.admin)
        .send({ status: 'ACTIVE' })
        .expect(200);
      expect(enabled.body.status).toBe('INVITED');
      // Only accepting the invitation makes an invitee ACTIVE.
      const refused = await t.http
        .patch(`/api/v1/users/${res.body.user.id}`)
        .set('Authorization', t.admin)
        .send({ status: 'ACTIVE' })
        .expect(409);
      expect(refused.body).toMatchObject({ status: 409, userStatus: 'INVITED' });
      const link = await t.http
        .post(`/api/v1/users/${res.body.user.id}/invitation`)
        .set('Authorization', t.admin)
        .expect(201);
      await t.http
        .post(`/auth/invitations/${tokenOf(link.body.url)}/accept`)
        .send({ name: 'Ivy', password: GOOD_PASSWORD })
        .expect(200);
    });

    it('a new link for an ACTIVE person resets the password and ends their sessions', async () => {
      const person = await t.userFor('STAFF');
      const link = await t.http
        .post(`/api/v1/users/${person.id}/invitation`)
        .set('Authorization', t.admin)
        .expect(201);
      const before = await t.prisma.user.findUniqueOrThrow({ where: { id: person.id } });
      const offer = await t.http.get(`/auth/invitations/${tokenOf(link.body.url)}`).expect(200);
      expect(offer.body).toMatchObject({
        purpose: 'passwordReset',
        email: person.email,
        name: before.name,
      });
      // Left out, the name stays what it was.
      await t.http
        .post(`/auth/invitations/${tokenOf(link.body.url)}/accept`)
        .send({ password: GOOD_PASSWORD })
        .expect(200);
      const after = await t.prisma.user.findUniqueOrThrow({ where: { id: person.id } });
      expect(after.name).toBe(before.name);
      await person.get('/api/v1/me').expect(401);
      await t.http
        .post('/auth/login')
        .send({ email: person.email, password: person.password })
        .expect(401);
      await t.signIn(person.email, GOOD_PASSWORD);
    });

    it('signs a person out everywhere: every session ends, they may sign in again, history says so', async () => {
      const person = await t.userFor('CUSTOMER', customer);
      const secondBrowser = await t.signIn(person.email, person.password);
      const res = await staffPerson.delete(`/api/v1/users/${person.id}/sessions`).expect(200);
      expect(res.body).toEqual({ ended: 2 });
      await person.get('/api/v1/me').expect(401);
      await secondBrowser.get('/api/v1/me').expect(401);
      const back = await t.signIn(person.email, person.password);
      await back.get('/api/v1/me').expect(200);
      const history = await t.http
        .get(`/api/v1/users/${person.id}/history`)
        .set('Authorization', t.admin)
        .expect(200);
      const ended = history.body.items.find(
        (e: { action: string }) => e.action === 'user.sessions_ended',
      );
      expect(ended).toMatchObject({
        actor: { kind: 'user', id: staffPerson.id },
        changes: { sessions: 2 },
      });
      // STAFF manages customers' people only: a colleague's sessions are as if there were none.
      const colleague = await t.userFor('STAFF');
      await staffPerson.delete(`/api/v1/users/${colleague.id}/sessions`).expect(404);
      await colleague.get('/api/v1/me').expect(200);
    });

    it('names bad ids and unknown users', async () => {
      const bad = await t.http.get('/api/v1/users/nope').set('Authorization', t.admin).expect(400);
      expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
      await t.http
        .get(`/api/v1/users/${crypto.randomUUID()}`)
        .set('Authorization', t.admin)
        .expect(404);
      await t.http
        .patch(`/api/v1/users/${crypto.randomUUID()}`)
        .set('Authorization', t.admin)
        .send({ status: 'ASLEEP' })
        .expect(400);
    });
  });
});
