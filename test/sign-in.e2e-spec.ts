import { SESSION_COOKIE } from '../src/auth/session-cookies';
import { UserBootstrapService } from '../src/users/user-bootstrap.service';
import { createCustomer } from './helpers/engagement-api';
import { ADMIN_EMAIL, ADMIN_PASSWORD, cookiesOf, startTestApp, TestApp } from './helpers/test-app';

describe('signing in with email and password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('bootstraps the ADMIN person of BOOTSTRAP_ADMIN_EMAIL once, idempotently', async () => {
    const rows = await t.prisma.user.findMany({ where: { email: ADMIN_EMAIL } });
    expect(rows).toMatchObject([{ role: 'ADMIN', status: 'ACTIVE', customerId: null }]);
    expect(rows[0].passwordHash).toMatch(/^\$argon2id\$/);
    await t.app.get(UserBootstrapService).onApplicationBootstrap();
    expect(await t.prisma.user.count()).toBe(1);
    // No setup link is left usable once a real ADMIN exists.
    expect(await t.prisma.invitation.count({ where: { userId: null, usedAt: null } })).toBe(0);
  });

  it('signs in whatever the case of the email, sets both cookies and answers Me', async () => {
    const res = await t.http
      .post('/auth/login')
      .send({ email: `  ${ADMIN_EMAIL.toUpperCase()} `, password: ADMIN_PASSWORD })
      .expect(200);
    expect(res.body).toEqual({
      kind: 'user',
      id: expect.any(String),
      name: ADMIN_EMAIL,
      email: ADMIN_EMAIL,
      role: 'ADMIN',
      customerId: null,
      customerName: null,
    });
    const lines = res.headers['set-cookie'] as unknown as string[];
    const session = lines.find((l) => l.startsWith(`${SESSION_COOKIE}=`))!;
    const csrf = lines.find((l) => l.startsWith('ot_csrf='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/SameSite=Lax/);
    // Only hashes are stored.
    const cookies = cookiesOf(res);
    const stored = await t.prisma.userSession.findMany({ where: { userId: res.body.id } });
    expect(JSON.stringify(stored)).not.toContain(cookies.ot_session);
    expect(JSON.stringify(stored)).not.toContain(cookies.ot_csrf);
    const user = await t.prisma.user.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(user.lastSignInAt).not.toBeNull();
  });

  it('signs in with an address pasted with invisible characters around it, as invitations store it', async () => {
    for (const email of [`\u200b${ADMIN_EMAIL}`, `${ADMIN_EMAIL}\u200e`, `\ufeff${ADMIN_EMAIL}`]) {
      await t.http.post('/auth/login').send({ email, password: ADMIN_PASSWORD }).expect(200);
    }
  });

  it('GET /api/v1/me describes a person by cookie and a key by Bearer', async () => {
    const customer = await createCustomer(t, 'Me Corp');
    const person = await t.userFor('CUSTOMER', customer);
    const me = await person.get('/api/v1/me').expect(200);
    expect(me.body).toEqual({
      kind: 'user',
      id: person.id,
      name: expect.stringContaining('CUSTOMER person'),
      email: person.email,
      role: 'CUSTOMER',
      customerId: customer,
      customerName: 'Me Corp',
    });
    const key = await t.http.get('/api/v1/me').set('Authorization', t.admin).expect(200);
    expect(key.body).toMatchObject({ kind: 'key', role: 'ADMIN', email: null, customerId: null });
  });

  it('the Bearer key wins over a session cookie', async () => {
    const customer = await createCustomer(t, 'Cookie And Key Ltd');
    const person = await t.userFor('CUSTOMER', customer);
    const res = await t.http
      .get('/api/v1/me')
      .set('Cookie', person.cookie)
      .set('Authorization', t.admin)
      .expect(200);
    expect(res.body.kind).toBe('key');
  });

  it('answers 401 problem+json without a session, and clears a dead cookie', async () => {
    const none = await t.http.get('/api/v1/me').expect(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    const dead = await t.http
      .get('/api/v1/me')
      .set('Cookie', `ot_session=${'x'.repeat(43)}; ot_csrf=abc`)
      .expect(401);
    expect(String(dead.headers['set-cookie'])).toMatch(/ot_session=;/);
  });

  it('signs out: 200, cookies cleared, the session is gone', async () => {
    const person = await t.userFor('STAFF');
    const res = await person.post('/auth/logout').expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/ot_session=;/);
    await person.get('/api/v1/me').expect(401);
    expect(await t.prisma.userSession.count({ where: { userId: person.id } })).toBe(0);
  });

  it('a new sign-in replaces the session the browser came with (rotation)', async () => {
    const person = await t.userFor('STAFF');
    const again = await t.http
      .post('/auth/login')
      .set('Cookie', person.cookie)
      .send({ email: person.email, password: person.password })
      .expect(200);
    expect(person.cookie).not.toContain(cookiesOf(again).ot_session);
    await person.get('/api/v1/me').expect(401);
    expect(await t.prisma.userSession.count({ where: { userId: person.id } })).toBe(1);
  });

  describe('CSRF: changes made with a session cookie', () => {
    const change = (customer: string) => ({ name: `CSRF Customer ${customer}` });

    it('go through with X-CSRF-Token equal to the ot_csrf cookie', async () => {
      const person = await t.userFor('STAFF');
      await person.post('/api/v1/customers').send(change('ok')).expect(201);
    });

    it.each([
      ['no header', (h: Record<string, string>) => ({ Cookie: h.Cookie })],
      ['a wrong header', (h: Record<string, string>) => ({ ...h, 'X-CSRF-Token': 'x'.repeat(43) })],
      [
        'header and cookie agreeing on a token of their own',
        (h: Record<string, string>) => ({
          Cookie: h.Cookie.replace(/ot_csrf=[^;]+/, `ot_csrf=${'y'.repeat(43)}`),
          'X-CSRF-Token': 'y'.repeat(43),
        }),
      ],
      [
        'a cross-site request, even with the token',
        (h: Record<string, string>) => ({ ...h, 'Sec-Fetch-Site': 'cross-site' }),
      ],
    ])('are refused with %s: 403 problem+json, nothing changes', async (_label, headers) => {
      const person = await t.userFor('STAFF');
      const name = `CSRF Customer ${Math.random()}`;
      const res = await t.http
        .post('/api/v1/customers')
        .set(headers(person.headers))
        .send({ name })
        .expect(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await t.prisma.customer.count({ where: { name } })).toBe(0);
    });

    it('reads need no token; same-site requests with the token are fine', async () => {
      const person = await t.userFor('STAFF');
      await t.http.get('/api/v1/me').set('Cookie', person.cookie).expect(200);
      await person
        .post('/api/v1/customers')
        .set('Sec-Fetch-Site', 'same-origin')
        .send(change('same-origin'))
        .expect(201);
    });

    it('sign-out needs the token too', async () => {
      const person = await t.userFor('STAFF');
      await t.http.post('/auth/logout').set('Cookie', person.cookie).expect(403);
      await person.get('/api/v1/me').expect(200);
    });

    it('a cross-site sign-in is refused before any password is checked', async () => {
      await t.http
        .post('/auth/login')
        .set('Sec-Fetch-Site', 'cross-site')
        .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
        .expect(403);
    });

    it('API keys need no token, even cross-site', async () => {
      await t.http
        .post('/api/v1/customers')
        .set('Authorization', t.admin)
        .set('Sec-Fetch-Site', 'cross-site')
        .send(change('key'))
        .expect(201);
    });
  });

  it('an ACTIVE person without a local password (single sign-on only) cannot sign in with one', async () => {
    const sso = await t.prisma.user.create({
      data: { email: 'sso-only@example.test', role: 'STAFF', status: 'ACTIVE' },
    });
    for (const password of ['', 'anything-at-all-123']) {
      const res = await t.http.post('/auth/login').send({ email: sso.email, password });
      expect(res.status).toBe(password === '' ? 400 : 401);
    }
  });

  it('a person who signs in by single sign-on is told there is no password to change, and no try is counted', async () => {
    const person = await t.userFor('STAFF');
    // As an account made by single sign-on: no local password.
    await t.prisma.user.update({ where: { id: person.id }, data: { passwordHash: null } });
    await t.authSettled();
    const res = await person
      .post('/api/v1/me/password')
      .send({ currentPassword: 'Anything-at-all-123', newPassword: 'Brand-new-passphrase-5' })
      .expect(422);
    expect(res.body.detail).toMatch(/single sign-on and have no password here/);
    expect(res.body.errors).toEqual([
      { field: 'currentPassword', message: 'there is no password on this account' },
    ]);
    expect(await t.prisma.signInThrottle.count({ where: { key: `account:${person.email}` } })).toBe(
      0,
    );
  });

  it('GET /auth/providers says password yes, SSO not configured', async () => {
    const res = await t.http.get('/auth/providers').expect(200);
    expect(res.body).toEqual({ password: true, oidc: false });
  });
});
