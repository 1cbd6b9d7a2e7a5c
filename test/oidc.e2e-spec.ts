import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { PasswordHasher } from '../src/auth/password-hasher';
import { InvitationsService } from '../src/users/invitations.service';
import { createCustomer } from './helpers/engagement-api';
import { OidcBrowser } from './helpers/oidc-browser';
import { freePort } from './helpers/free-port';
import { RunningProvider, startOidcProvider, TestAccount } from './helpers/oidc-provider';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * Single sign-on end to end: the real app (on its own PostgreSQL database) against a real OpenID
 * Connect provider (test/oidc/provider.mjs, its own process), driven over HTTP like a browser.
 */
const REDIRECT_URL = 'http://localhost:3999/auth/oidc/callback';
/** Where the provider sends a browser back after signing the person out: our sign-in page. */
const SIGNED_OUT_URL = 'http://localhost:3999/login?reason=signed_out';
/** What a browser at the configured address sends as Host. */
const CONFIGURED_HOST = new URL(REDIRECT_URL).host;
const CLIENT = { id: 'onboarding-tracker', secret: 'a-client-secret-for-the-e2e-test' };

const ACCOUNTS: Record<string, TestAccount> = {
  invited: { sub: 'nia', email: 'nia@customer.example', emailVerified: true, name: 'Nia Okafor' },
  active: { sub: 'cara', email: 'Cara.Jones@Partner.Example', emailVerified: true },
  provisioned: { sub: 'bob', email: 'bob@wso2.test', emailVerified: true, name: 'Bob Perera' },
  unknown: { sub: 'eve', email: 'eve@elsewhere.example', emailVerified: true },
  unverified: { sub: 'grace', email: 'grace@wso2.test', emailVerified: false },
  disabled: { sub: 'dan', email: 'dan@customer.example', emailVerified: true },
  subdomain: { sub: 'sam', email: 'sam@eng.wso2.test', emailVerified: true },
  // Provisioned by single sign-on, then given a password here too.
  twoWays: { sub: 'pat', email: 'pat@wso2.test', emailVerified: true },
  // Another identity at the provider claiming Cara's (verified) address; it signs in by its sub.
  twin: { sub: 'cara-twin', email: 'cara.jones@partner.example', emailVerified: true },
};

const oidcEnv = (issuer: string) => ({
  OIDC_ISSUER: issuer,
  OIDC_CLIENT_ID: CLIENT.id,
  OIDC_CLIENT_SECRET: CLIENT.secret,
  OIDC_REDIRECT_URL: REDIRECT_URL,
  OIDC_AUTO_PROVISION_DOMAINS: 'wso2.test',
});

const JSON_ACCEPT = 'application/json';
const HTML_ACCEPT = 'text/html';

describe('single sign-on (OIDC) against a local provider', () => {
  let provider: RunningProvider;
  let t: TestApp;
  let customerId: string;
  let invitedId: string;
  const browser = () => new OidcBrowser(t.http, REDIRECT_URL);
  const counts = async () => ({
    users: await t.prisma.user.count(),
    sessions: await t.prisma.userSession.count(),
  });

  beforeAll(async () => {
    provider = await startOidcProvider({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUris: [REDIRECT_URL],
      postLogoutRedirectUris: [SIGNED_OUT_URL],
      accounts: Object.values(ACCOUNTS),
    });
    t = await startTestApp(oidcEnv(provider.issuer));
    customerId = await createCustomer(t, 'Customer of invited people');
    const invited = await t.prisma.user.create({
      data: { email: 'nia@customer.example', role: 'CUSTOMER', customerId },
    });
    invitedId = invited.id;
    await t.prisma.$transaction((tx) => t.app.get(InvitationsService).issue(tx, invited.id));
    await t.prisma.user.createMany({
      data: [
        { email: 'cara.jones@partner.example', role: 'STAFF', status: 'ACTIVE', name: 'Cara' },
        { email: 'dan@customer.example', role: 'CUSTOMER', customerId, status: 'DISABLED' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  it('tells the sign-in page that single sign-on is on', async () => {
    const res = await t.http.get('/auth/providers').expect(200);
    expect(res.body).toEqual({ password: true, oidc: true });
  });

  it('redirects to the discovered authorization endpoint with state, nonce and PKCE S256', async () => {
    const discovery = (await (
      await fetch(`${provider.issuer}/.well-known/openid-configuration`)
    ).json()) as { authorization_endpoint: string };
    const b = browser();
    const url = await b.begin('/engagements');
    expect(`${url.origin}${url.pathname}`).toBe(discovery.authorization_endpoint);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: CLIENT.id,
      redirect_uri: REDIRECT_URL,
      code_challenge_method: 'S256',
    });
    expect(params.scope.split(' ')).toEqual(expect.arrayContaining(['openid', 'email']));
    for (const name of ['state', 'nonce', 'code_challenge']) {
      expect(params[name]).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    }
    // The server keeps the verifier whose S256 is the challenge, and the nonce, for this state.
    const pending = await t.prisma.oidcSignIn.findUniqueOrThrow({ where: { state: params.state } });
    expect(createHash('sha256').update(pending.codeVerifier).digest('base64url')).toBe(
      params.code_challenge,
    );
    expect(pending).toMatchObject({ nonce: params.nonce, returnTo: '/engagements' });
    expect(pending.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    // The browser holds only an opaque binding token, scoped to the sign-in routes.
    const login = await b.visit('/auth/oidc/login');
    const cookie = [login.headers['set-cookie']].flat().find((c) => c.startsWith('ot_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/auth\/oidc/);
    expect(pending.browserHash).toBe(
      createHash('sha256').update(b.app.get('ot_oidc')!).digest('hex'),
    );
  });

  it('signs an invited person in: session works, account active, invitation used, audit names them', async () => {
    const b = browser();
    const callback = await b.authenticate(
      await b.begin('/my-tasks?filter=open'),
      ACCOUNTS.invited.email,
    );
    const res = await b.callback(callback);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/my-tasks?filter=open');
    expect(res.headers['cache-control']).toBe('no-store');
    const session = b.app.get('ot_session');
    expect(session).toBeDefined();
    const me = await t.http.get('/api/v1/me').set('Cookie', b.app.header('/api/v1/me')).expect(200);
    expect(me.body).toMatchObject({
      kind: 'user',
      id: invitedId,
      email: 'nia@customer.example',
      role: 'CUSTOMER',
      customerId,
    });
    // No password here: her account page offers none to change.
    const account = await t.http
      .get('/api/v1/me/account')
      .set('Cookie', b.app.header('/api/v1/me/account'))
      .expect(200);
    expect(account.body).toMatchObject({ name: 'Nia Okafor', signInMethods: ['sso'] });
    const user = await t.prisma.user.findUniqueOrThrow({ where: { id: invitedId } });
    expect(user).toMatchObject({ status: 'ACTIVE', name: 'Nia Okafor', passwordHash: null });
    expect(Date.now() - user.lastSignInAt!.getTime()).toBeLessThan(60_000);
    expect(await t.prisma.invitation.count({ where: { userId: invitedId, usedAt: null } })).toBe(0);
    // The sign-in in progress is gone: its callback cannot be used again.
    const state = callback.searchParams.get('state')!;
    expect(await t.prisma.oidcSignIn.findUnique({ where: { state } })).toBeNull();
  });

  it('provisions a verified person of a listed domain as STAFF, whose writes are audited as them', async () => {
    const before = await t.prisma.user.count();
    const b = browser();
    const res = await b.signIn(ACCOUNTS.provisioned.email);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email: 'bob@wso2.test' } });
    expect(user).toMatchObject({
      role: 'STAFF',
      status: 'ACTIVE',
      name: 'Bob Perera',
      customerId: null,
    });
    expect(await t.prisma.user.count()).toBe(before + 1);

    const created = await t.http
      .post('/api/v1/engagements')
      .set('Cookie', b.app.header('/api/v1/engagements'))
      .set('X-CSRF-Token', b.app.get('ot_csrf')!)
      .send({
        customerId,
        templateKey: 'wso2-managed-customer-subscription',
        cloudProvider: 'AWS',
        securityTier: 'STANDARD',
        startDate: '2026-03-02',
      })
      .expect(201);
    const event = await t.prisma.auditEvent.findFirstOrThrow({
      where: { engagementId: created.body.id },
      orderBy: { id: 'asc' },
    });
    expect(event).toMatchObject({
      actorKind: 'user',
      actorId: user.id,
      actorEmail: 'bob@wso2.test',
      actorName: 'Bob Perera',
    });

    // The second time, the same account signs in; nothing new is created.
    await expect(browser().signIn(ACCOUNTS.provisioned.email)).resolves.toMatchObject({
      status: 302,
    });
    expect(await t.prisma.user.count()).toBe(before + 1);
  });

  it("signs out at the provider too: the answer carries its end-session URL with the sign-in's ID token", async () => {
    const b = browser();
    expect((await b.signIn(ACCOUNTS.provisioned.email)).status).toBe(302);
    // The ID token of the sign-in is kept with its session, and only there.
    const sessionToken = b.app.get('ot_session')!;
    const tokenHash = createHash('sha256').update(sessionToken).digest('hex');
    const { idToken } = await t.prisma.userSession.findUniqueOrThrow({ where: { tokenHash } });
    expect(idToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(JSON.parse(Buffer.from(idToken!.split('.')[1], 'base64url').toString())).toMatchObject({
      iss: provider.issuer,
      sub: ACCOUNTS.provisioned.sub,
      aud: CLIENT.id,
    });
    // The provider remembers the person: a new sign-in would come straight back, unasked.
    expect(await b.followAtProvider(await b.begin())).toBeInstanceOf(URL);

    const res = await b.signOut();
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ providerSession: 'end', redirectUrl: expect.any(String) });
    const discovery = (await (
      await fetch(`${provider.issuer}/.well-known/openid-configuration`)
    ).json()) as { end_session_endpoint: string };
    const url = new URL(res.body.redirectUrl);
    expect(`${url.origin}${url.pathname}`).toBe(discovery.end_session_endpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      id_token_hint: idToken,
      client_id: CLIENT.id,
      post_logout_redirect_uri: SIGNED_OUT_URL,
    });
    // Signed out here already, before the provider has done anything; the token went with it.
    expect(b.app.get('ot_session')).toBeUndefined();
    expect(await t.prisma.userSession.findUnique({ where: { tokenHash } })).toBeNull();
    expect(await t.prisma.userSession.count({ where: { idToken } })).toBe(0);
    await t.http.get('/api/v1/me').set('Cookie', `ot_session=${sessionToken}`).expect(401);

    // The provider accepts the hint and the way back, signs the person out and sends them to
    // our sign-in page; the next single sign-on asks who they are again.
    expect((await b.signOutAtProvider(url)).href).toBe(SIGNED_OUT_URL);
    const next = await b.followAtProvider(await b.begin());
    expect(next).not.toBeInstanceOf(URL);
    expect((next as { html: string }).html).toContain('name="password"');
  });

  it('still signs out at the provider after a password change replaced the session', async () => {
    const b = browser();
    expect((await b.signIn(ACCOUNTS.twoWays.email)).status).toBe(302);
    const password = 'Harbour-lights-and-copper-kettles-7';
    await t.prisma.user.update({
      where: { email: ACCOUNTS.twoWays.email },
      data: { passwordHash: await t.app.get(PasswordHasher).hash(password) },
    });
    await t.authSettled();
    const changed = await t.http
      .post('/api/v1/me/password')
      .set('Host', CONFIGURED_HOST)
      .set('Cookie', b.app.header('/api/v1/me/password'))
      .set('X-CSRF-Token', b.app.get('ot_csrf')!)
      .send({ currentPassword: password, newPassword: 'Lanterns-over-the-quiet-harbour-8' });
    expect(changed.status).toBe(204);
    b.app.store(changed.headers['set-cookie']);

    const res = await b.signOut();
    expect(res.body.providerSession).toBe('end');
    expect((await b.signOutAtProvider(new URL(res.body.redirectUrl))).href).toBe(SIGNED_OUT_URL);
  });

  it('signs a password session out here only, and says the provider has nothing to do', async () => {
    const person = await t.userFor('STAFF');
    const res = await person.post('/auth/logout').expect(200);
    expect(res.body).toEqual({ providerSession: 'none', redirectUrl: null });
    expect(await t.prisma.userSession.count({ where: { userId: person.id } })).toBe(0);
    // An API key has no session to end, nor any at the provider.
    const key = await t.keyFor('STAFF');
    const keyed = await t.http.post('/auth/logout').set('Authorization', key).expect(200);
    expect(keyed.body).toEqual({ providerSession: 'none', redirectUrl: null });
  });

  it('matches an existing user whatever the case of the email', async () => {
    const b = browser();
    const res = await b.signIn(ACCOUNTS.active.email);
    expect(res.status).toBe(302);
    const me = await t.http.get('/api/v1/me').set('Cookie', b.app.header('/api/v1/me'));
    expect(me.body.email).toBe('cara.jones@partner.example');
  });

  it('binds the account to the provider identity at its first single sign-on', async () => {
    expect((await browser().signIn(ACCOUNTS.active.email)).status).toBe(302);
    const cara = await t.prisma.user.findUniqueOrThrow({
      where: { email: 'cara.jones@partner.example' },
    });
    expect(cara).toMatchObject({ ssoIssuer: provider.issuer, ssoSubject: ACCOUNTS.active.sub });
    const linked = await t.prisma.accountEvent.findMany({
      where: { userId: cara.id, action: 'user.sso_linked' },
    });
    expect(linked.map((e) => e.changes)).toEqual([
      { ssoIssuer: provider.issuer, ssoSubject: ACCOUNTS.active.sub },
    ]);
  });

  it("refuses another identity at the provider that claims a bound account's email", async () => {
    expect((await browser().signIn(ACCOUNTS.active.email)).status).toBe(302); // bound by now
    const before = await counts();
    const b = browser();
    const res = await b.signIn(ACCOUNTS.twin.sub);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?error=sso_identity_mismatch');
    expect(b.app.get('ot_session')).toBeUndefined();
    const api = browser();
    const answer = await api.callback(
      await api.authenticate(await api.begin(), ACCOUNTS.twin.sub),
      JSON_ACCEPT,
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ status: 403, code: 'sso_identity_mismatch' });
    expect(await counts()).toEqual(before);
  });

  it('lets an administrator unlink the identity: the next verified sign-in binds again', async () => {
    expect((await browser().signIn(ACCOUNTS.active.email)).status).toBe(302); // bound by now
    const cara = await t.prisma.user.findUniqueOrThrow({
      where: { email: 'cara.jones@partner.example' },
    });
    const shown = await t.http.get(`/api/v1/users/${cara.id}`).set('Authorization', t.admin);
    expect(shown.body.ssoIdentity).toEqual({
      issuer: provider.issuer,
      subject: ACCOUNTS.active.sub,
    });
    const unlinked = await t.http
      .delete(`/api/v1/users/${cara.id}/sso-identity`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(unlinked.body.ssoIdentity).toBeNull();
    const history = await t.http
      .get(`/api/v1/users/${cara.id}/history?limit=100`)
      .set('Authorization', t.admin);
    expect(history.body.items.at(-1)).toMatchObject({
      action: 'user.sso_unlinked',
      actor: { kind: 'key' },
      changes: { ssoSubject: { from: ACCOUNTS.active.sub, to: null } },
    });
    // Unlinking again changes nothing.
    await t.http
      .delete(`/api/v1/users/${cara.id}/sso-identity`)
      .set('Authorization', t.admin)
      .expect(200);
    // The twin now signs in as Cara and binds the account to itself; Cara's identity is refused.
    expect((await browser().signIn(ACCOUNTS.twin.sub)).status).toBe(302);
    expect(await t.prisma.user.findUniqueOrThrow({ where: { id: cara.id } })).toMatchObject({
      ssoSubject: ACCOUNTS.twin.sub,
    });
    const refused = await browser().signIn(ACCOUNTS.active.email);
    expect(refused.headers.location).toBe('/login?error=sso_identity_mismatch');
    // Back as it was for the other tests.
    await t.prisma.user.update({
      where: { id: cara.id },
      data: { ssoIssuer: provider.issuer, ssoSubject: ACCOUNTS.active.sub },
    });
    await t.authSettled();
  });

  it('binds again after a move to another identity provider (a binding to another issuer)', async () => {
    const cara = await t.prisma.user.update({
      where: { email: 'cara.jones@partner.example' },
      data: { ssoIssuer: 'https://old-idp.example', ssoSubject: 'cara-at-the-old-idp' },
    });
    expect((await browser().signIn(ACCOUNTS.active.email)).status).toBe(302);
    expect(await t.prisma.user.findUniqueOrThrow({ where: { id: cara.id } })).toMatchObject({
      ssoIssuer: provider.issuer,
      ssoSubject: ACCOUNTS.active.sub,
    });
  });

  it('activates a bound account enabled again without a password (INVITED)', async () => {
    expect((await browser().signIn(ACCOUNTS.active.email)).status).toBe(302); // bound by now
    const cara = await t.prisma.user.findUniqueOrThrow({
      where: { email: 'cara.jones@partner.example' },
    });
    const change = (status: string) =>
      t.http
        .patch(`/api/v1/users/${cara.id}`)
        .set('Authorization', t.admin)
        .send({ status })
        .expect(200);
    await change('DISABLED');
    expect((await change('ACTIVE')).body.status).toBe('INVITED');
    const b = browser();
    expect((await b.signIn(ACCOUNTS.active.email)).status).toBe(302);
    const me = await t.http.get('/api/v1/me').set('Cookie', b.app.header('/api/v1/me')).expect(200);
    expect(me.body.id).toBe(cara.id);
    expect(await t.prisma.user.findUniqueOrThrow({ where: { id: cara.id } })).toMatchObject({
      status: 'ACTIVE',
      ssoSubject: ACCOUNTS.active.sub,
    });
  });

  it('finds a bound account by its identity after its email here changed', async () => {
    expect((await browser().signIn(ACCOUNTS.active.email)).status).toBe(302); // bound by now
    const cara = await t.prisma.user.update({
      where: { email: 'cara.jones@partner.example' },
      data: { email: 'cara@partner.example' },
    });
    try {
      const b = browser();
      expect((await b.signIn(ACCOUNTS.active.email)).status).toBe(302);
      const me = await t.http
        .get('/api/v1/me')
        .set('Cookie', b.app.header('/api/v1/me'))
        .expect(200);
      expect(me.body).toMatchObject({ id: cara.id, email: 'cara@partner.example' });
    } finally {
      await t.prisma.user.update({
        where: { id: cara.id },
        data: { email: 'cara.jones@partner.example' },
      });
      await t.authSettled();
    }
  });

  it.each([
    ['unknown', 'sso_unknown_user', 403],
    ['unverified', 'sso_unverified_email', 403],
    ['subdomain', 'sso_unknown_user', 403],
    ['disabled', 'sso_disabled_user', 403],
  ] as const)('refuses the %s person and creates nothing', async (who, code, status) => {
    const before = await counts();
    const b = browser();
    const res = await b.signIn(ACCOUNTS[who].email, '/engagements/e-42?tab=tasks');
    expect(res.status).toBe(302);
    // The sign-in page keeps the page the person was opening, for their next attempt.
    expect(res.headers.location).toBe(
      `/login?error=${code}&returnTo=%2Fengagements%2Fe-42%3Ftab%3Dtasks`,
    );
    expect(b.app.get('ot_session')).toBeUndefined();

    const api = browser();
    const answer = await api.callback(
      await api.authenticate(await api.begin(), ACCOUNTS[who].email),
      JSON_ACCEPT,
    );
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status, code });
    expect(await counts()).toEqual(before);
  });

  describe('started at another address than the configured one', () => {
    const startAt = (host: string, query = '') =>
      t.http.get(`/auth/oidc/login${query}`).set('Host', host).set('Accept', HTML_ACCEPT);

    it('goes first to the same start on the configured origin, query kept, then signs in there', async () => {
      const sentBefore = await t.prisma.oidcSignIn.count();
      const res = await startAt('127.0.0.1:3999', '?returnTo=%2Fmy-tasks%3Ffilter%3Dopen');
      expect(res.status).toBe(302);
      expect(res.headers['cache-control']).toBe('no-store');
      const moved = new URL(res.headers.location);
      expect(`${moved.origin}${moved.pathname}`).toBe('http://localhost:3999/auth/oidc/login');
      expect(Object.fromEntries(moved.searchParams)).toEqual({
        returnTo: '/my-tasks?filter=open',
        moved: '1',
      });
      // No sign-in and no binding cookie at an address the provider will not send the browser to.
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await t.prisma.oidcSignIn.count()).toBe(sentBefore);

      const b = browser();
      const atProvider = await b.visit(`${moved.pathname}${moved.search}`);
      expect(atProvider.status).toBe(302);
      const authorization = new URL(atProvider.headers.location);
      expect(authorization.origin).toBe(provider.issuer);
      const answer = await b.callback(await b.authenticate(authorization, ACCOUNTS.active.email));
      expect(answer.headers.location).toBe('/my-tasks?filter=open');
      expect(b.app.get('ot_session')).toBeDefined();
    });

    it.each([
      ['a Host of its own', { Host: 'evil.example' }],
      ['a forwarded host', { Host: CONFIGURED_HOST, 'X-Forwarded-Host': 'evil.example' }],
      ['a forwarded https', { Host: CONFIGURED_HOST, 'X-Forwarded-Proto': 'https' }],
    ])('sends a request with %s only ever to the configured origin', async (_, headers) => {
      const res = await t.http
        .get('/auth/oidc/login?returnTo=%2Foverdue')
        .set(headers)
        .set('Accept', HTML_ACCEPT);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(
        'http://localhost:3999/auth/oidc/login?returnTo=%2Foverdue&moved=1',
      );
    });

    it('goes on to the provider once moved, even when a proxy hides the address (no loop)', async () => {
      // A proxy that rewrites Host to its upstream's name shows every request at that name.
      const res = await startAt('tracker-upstream:3000', '?returnTo=%2Foverdue&moved=1');
      expect(res.status).toBe(302);
      expect(new URL(res.headers.location).origin).toBe(provider.issuer);
      const state = new URL(res.headers.location).searchParams.get('state')!;
      const pending = await t.prisma.oidcSignIn.findUniqueOrThrow({ where: { state } });
      expect(pending.returnTo).toBe('/overdue');
    });

    it('refuses a moved flag of any other value', async () => {
      const res = await startAt(CONFIGURED_HOST, '?moved=0').set('Accept', JSON_ACCEPT);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('moved');
    });
  });

  it('says the sign-in must be started again here when its answer comes without its cookie', async () => {
    const b = browser();
    const callback = await b.authenticate(await b.begin('/overdue'), ACCOUNTS.active.email);
    // Another browser, or the same one at another address: no binding cookie comes along.
    const elsewhere = browser();
    const page = await elsewhere.callback(callback);
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/login?error=sso_not_started');
    expect(elsewhere.app.get('ot_session')).toBeUndefined();
    const api = await elsewhere.callback(callback, JSON_ACCEPT);
    expect(api.status).toBe(400);
    expect(api.body).toMatchObject({
      code: 'sso_not_started',
      type: expect.stringMatching(/sign-in-failed$/),
    });
    // The sign-in is still there for the browser that started it.
    expect((await b.callback(callback)).headers.location).toBe('/overdue');
  });

  it('refuses a tampered state, and the genuine answer still works afterwards', async () => {
    const b = browser();
    const callback = await b.authenticate(await b.begin('/overdue'), ACCOUNTS.active.email);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const before = await counts();
    const res = await b.callback(tampered);
    expect(res.status).toBe(302);
    // A state of no sign-in in progress: nothing to know where it was going.
    expect(res.headers.location).toBe('/login?error=sso_state_mismatch');
    const api = await b.callback(tampered, JSON_ACCEPT);
    expect(api.status).toBe(400);
    expect(api.body).toMatchObject({
      code: 'sso_state_mismatch',
      type: expect.stringMatching(/sign-in-failed$/),
    });
    expect(await counts()).toEqual(before);

    const genuine = await b.callback(callback);
    expect(genuine.headers.location).toBe('/overdue');
  });

  it('refuses a replayed callback', async () => {
    const b = browser();
    const callback = await b.authenticate(await b.begin(), ACCOUNTS.active.email);
    expect((await b.callback(callback)).headers.location).toBe('/');
    const replay = await b.callback(callback, JSON_ACCEPT);
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('sso_state_mismatch');
  });

  it("refuses an answer delivered to another browser (another browser's binding cookie)", async () => {
    const victim = browser();
    await victim.begin();
    const attacker = browser();
    const callback = await attacker.authenticate(await attacker.begin(), ACCOUNTS.active.email);
    const res = await victim.callback(callback);
    expect(res.headers.location).toBe('/login?error=sso_state_mismatch');
    expect(victim.app.get('ot_session')).toBeUndefined();
    const noCookie = await browser().callback(callback, JSON_ACCEPT);
    expect(noCookie.status).toBe(400);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const b = browser();
    const url = await b.begin();
    url.searchParams.set('nonce', 'a-nonce-the-service-never-issued-0123456789abc');
    const before = await counts();
    const res = await b.callback(await b.authenticate(url, ACCOUNTS.active.email), JSON_ACCEPT);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('sso_failed');
    expect(await counts()).toEqual(before);
  });

  it('refuses when the PKCE challenge was swapped on the way to the provider', async () => {
    const b = browser();
    const url = await b.begin();
    url.searchParams.set(
      'code_challenge',
      createHash('sha256').update('someone-else-s-verifier').digest('base64url'),
    );
    const res = await b.callback(await b.authenticate(url, ACCOUNTS.active.email), JSON_ACCEPT);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('sso_failed');
  });

  it('refuses an answer after the sign-in expired, as one to start again', async () => {
    const b = browser();
    const expired = async (returnTo: string) => {
      const callback = await b.authenticate(await b.begin(returnTo), ACCOUNTS.active.email);
      await t.prisma.oidcSignIn.update({
        where: { state: callback.searchParams.get('state')! },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      return callback;
    };
    const res = await b.callback(await expired('/'), JSON_ACCEPT);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'sso_state_mismatch',
      type: expect.stringMatching(/sign-in-failed$/),
      detail: expect.stringMatching(/took too long/),
    });
    expect((await b.callback(await expired('/overdue'))).headers.location).toBe(
      '/login?error=sso_state_mismatch&returnTo=%2Foverdue',
    );
  });

  it('says to start again here when the answer is for an earlier sign-in of this browser (two tabs)', async () => {
    const b = browser();
    // The first tab starts a sign-in and the person signs in at the provider…
    const firstTab = await b.authenticate(await b.begin('/engagements/e-7'), ACCOUNTS.active.email);
    // …while the browser's binding cookie is replaced (cleared, or a private window's sign-in in
    // between) and a second tab starts another sign-in.
    const secondTab = browser();
    const secondTabStart = await secondTab.begin('/overdue');
    b.app.set('ot_oidc', secondTab.app.get('ot_oidc')!, '/auth/oidc');
    const before = await counts();

    const res = await b.callback(firstTab);
    expect(res.status).toBe(302);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.location).toBe(
      '/login?error=sso_state_mismatch&returnTo=%2Fengagements%2Fe-7',
    );
    expect(b.app.get('ot_session')).toBeUndefined();
    const api = await b.callback(firstTab, JSON_ACCEPT);
    expect(api.status).toBe(400);
    expect(api.body).toMatchObject({
      code: 'sso_state_mismatch',
      type: expect.stringMatching(/sign-in-failed$/),
    });
    expect(await counts()).toEqual(before);

    // The second tab's sign-in completes; so does starting again here, as the page says.
    const second = await b.callback(await b.authenticate(secondTabStart, ACCOUNTS.active.email));
    expect(second.headers.location).toBe('/overdue');
    expect((await b.signIn(ACCOUNTS.active.email, '/engagements/e-7')).headers.location).toBe(
      '/engagements/e-7',
    );
  });

  it('keeps returnTo when the provider refuses, and never a stored one that is not a path here', async () => {
    const b = browser();
    const url = await b.begin('/my-tasks');
    const state = url.searchParams.get('state')!;
    const refusal = (forState: string) => {
      const callback = new URL(REDIRECT_URL);
      callback.search = new URLSearchParams({
        error: 'access_denied',
        state: forState,
        iss: provider.issuer,
      }).toString();
      return b.callback(callback);
    };
    expect((await refusal(state)).headers.location).toBe(
      '/login?error=sso_failed&returnTo=%2Fmy-tasks',
    );
    // Checked again on the way out as when it came in: a row changed behind the service's back
    // does not make an open redirect.
    const other = (await b.begin('/overdue')).searchParams.get('state')!;
    await t.prisma.oidcSignIn.update({
      where: { state: other },
      data: { returnTo: '//evil.example/x' },
    });
    expect((await refusal(other)).headers.location).toBe('/login?error=sso_failed');
  });

  it("relays the provider's refusal (access_denied) as sso_failed", async () => {
    const b = browser();
    const url = await b.begin();
    const callback = new URL(REDIRECT_URL);
    callback.search = new URLSearchParams({
      error: 'access_denied',
      state: url.searchParams.get('state')!,
      iss: provider.issuer,
    }).toString();
    expect((await b.callback(callback)).headers.location).toBe('/login?error=sso_failed');
  });

  it.each(['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/\t/evil.example'])(
    'refuses the open redirect returnTo=%j with 400 naming returnTo (a browser goes to /login)',
    async (returnTo) => {
      const login = `/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`;
      const res = await t.http.get(login).set('Accept', JSON_ACCEPT).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([
        { field: 'returnTo', message: 'must be a path on this site, starting with a single "/"' },
      ]);
      expect(res.body.code).toBe('sso_invalid_link');
      expect(res.headers['set-cookie']).toBeUndefined();
      // Followed in a browser: the sign-in page says the link was not used, and keeps no returnTo.
      const page = await t.http.get(login).set('Accept', HTML_ACCEPT).expect(302);
      expect(page.headers.location).toBe('/login?error=sso_invalid_link');
      expect(page.headers['set-cookie']).toBeUndefined();
    },
  );

  it('refuses unknown query parameters on login', async () => {
    const login = '/auth/oidc/login?redirect=https://evil.example';
    const res = await t.http.get(login).expect(400);
    expect(res.body.errors[0].field).toBe('redirect');
    const page = await t.http.get(login).set('Accept', HTML_ACCEPT).expect(302);
    expect(page.headers.location).toBe('/login?error=sso_invalid_link');
  });
});

/**
 * Microsoft Entra ID puts the email in the ID token but never `email_verified`; its verdict is the
 * optional claim `xms_edov`. The provider here sends the claims the way Entra does.
 */
describe("single sign-on with Microsoft Entra ID's claims (xms_edov, no email_verified)", () => {
  const ENTRA: Record<string, TestAccount> = {
    member: { sub: 'ines', email: 'ines@customer.example', xmsEdov: true, name: 'Ines Duarte' },
    staff: { sub: 'pia', email: 'pia@wso2.test', xmsEdov: true, name: 'Pia Silva' },
    // A guest or an address the tenant does not own: Entra says so with xms_edov false.
    unowned: { sub: 'gus', email: 'gus@customer.example', xmsEdov: false },
    // The optional claim not configured in the app registration: nothing is verified.
    silent: { sub: 'sid', email: 'sid@wso2.test' },
    // email_verified, when a provider sends it, has the last word.
    overruled: { sub: 'ola', email: 'ola@wso2.test', emailVerified: false, xmsEdov: true },
  };
  let provider: RunningProvider;
  let t: TestApp;
  let memberId: string;
  let unownedId: string;
  const browser = () => new OidcBrowser(t.http, REDIRECT_URL);

  beforeAll(async () => {
    provider = await startOidcProvider({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUris: [REDIRECT_URL],
      accounts: Object.values(ENTRA),
      idTokenClaims: true,
    });
    t = await startTestApp(oidcEnv(provider.issuer));
    const customerId = await createCustomer(t, 'Customer on Entra ID');
    const [member, unowned] = await Promise.all(
      ['ines@customer.example', 'gus@customer.example'].map((email) =>
        t.prisma.user.create({ data: { email, role: 'CUSTOMER', customerId } }),
      ),
    );
    memberId = member.id;
    unownedId = unowned.id;
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  it('signs in an invited person whose email domain the tenant owns (xms_edov true)', async () => {
    const b = browser();
    const res = await b.signIn(ENTRA.member.email, '/my-tasks');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/my-tasks');
    const me = await t.http.get('/api/v1/me').set('Cookie', b.app.header('/api/v1/me')).expect(200);
    expect(me.body).toMatchObject({ kind: 'user', id: memberId, role: 'CUSTOMER' });
    expect(await t.prisma.user.findUniqueOrThrow({ where: { id: memberId } })).toMatchObject({
      status: 'ACTIVE',
      name: 'Ines Duarte',
      ssoIssuer: provider.issuer,
      ssoSubject: 'ines',
    });
  });

  it('provisions a person of a listed domain on xms_edov alone', async () => {
    const res = await browser().signIn(ENTRA.staff.email);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(
      await t.prisma.user.findUniqueOrThrow({ where: { email: 'pia@wso2.test' } }),
    ).toMatchObject({ role: 'STAFF', status: 'ACTIVE', ssoSubject: 'pia' });
  });

  it.each(['unowned', 'silent', 'overruled'])(
    'refuses the %s email and changes nothing',
    async (who) => {
      const before = {
        users: await t.prisma.user.count(),
        sessions: await t.prisma.userSession.count(),
      };
      const b = browser();
      const answer = await b.callback(
        await b.authenticate(await b.begin(), ENTRA[who].email),
        JSON_ACCEPT,
      );
      expect(answer.status).toBe(403);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: 403, code: 'sso_unverified_email' });
      expect({
        users: await t.prisma.user.count(),
        sessions: await t.prisma.userSession.count(),
      }).toEqual(before);
      // The invited account that claims the unowned address stays as it was.
      expect(await t.prisma.user.findUniqueOrThrow({ where: { id: unownedId } })).toMatchObject({
        status: 'INVITED',
        ssoSubject: null,
      });
    },
  );
});

/** OIDC_TRUST_EMAIL: for a provider that never says whether an email is verified. */
describe('single sign-on with OIDC_TRUST_EMAIL=true', () => {
  const PEOPLE: Record<string, TestAccount> = {
    quiet: { sub: 'quinn', email: 'quinn@wso2.test', name: 'Quinn Abara' },
    saysNo: { sub: 'nora', email: 'nora@wso2.test', emailVerified: false },
  };
  let provider: RunningProvider;
  let t: TestApp;

  beforeAll(async () => {
    // Email claims in userinfo only, as Okta sends them.
    provider = await startOidcProvider({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUris: [REDIRECT_URL],
      accounts: Object.values(PEOPLE),
    });
    t = await startTestApp({ ...oidcEnv(provider.issuer), OIDC_TRUST_EMAIL: 'true' });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  it('takes an email the provider says nothing about as verified', async () => {
    const res = await new OidcBrowser(t.http, REDIRECT_URL).signIn(PEOPLE.quiet.email);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(
      await t.prisma.user.findUniqueOrThrow({ where: { email: 'quinn@wso2.test' } }),
    ).toMatchObject({ role: 'STAFF', status: 'ACTIVE', name: 'Quinn Abara' });
  });

  it('still refuses an email the provider says is not verified', async () => {
    const before = await t.prisma.user.count();
    const b = new OidcBrowser(t.http, REDIRECT_URL);
    const res = await b.signIn(PEOPLE.saysNo.email);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?error=sso_unverified_email');
    expect(b.app.get('ot_session')).toBeUndefined();
    expect(await t.prisma.user.count()).toBe(before);
  });
});

describe('single sign-on while the provider is down', () => {
  let t: TestApp;
  let provider: RunningProvider | undefined;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp(oidcEnv(`http://127.0.0.1:${port}`));
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  it('starts anyway, answers 503 (a browser goes to /login), and recovers when it comes up', async () => {
    await t.http.get('/health/ready').expect(200);
    expect((await t.http.get('/auth/providers').expect(200)).body.oidc).toBe(true);
    const api = await t.http
      .get('/auth/oidc/login')
      .set('Host', CONFIGURED_HOST)
      .set('Accept', JSON_ACCEPT);
    expect(api.status).toBe(503);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.body).toMatchObject({ code: 'sso_failed', status: 503 });
    const b = new OidcBrowser(t.http, REDIRECT_URL);
    const page = await b.visit('/auth/oidc/login');
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/login?error=sso_failed');
    const withPage = await b.visit('/auth/oidc/login?returnTo=%2Fengagements%3Fstatus%3DACTIVE');
    expect(withPage.headers.location).toBe(
      '/login?error=sso_failed&returnTo=%2Fengagements%3Fstatus%3DACTIVE',
    );
    expect(await t.prisma.oidcSignIn.count()).toBe(0);

    // The provider comes up (this one puts email claims in the ID token itself).
    provider = await startOidcProvider({
      port,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUris: [REDIRECT_URL],
      accounts: [ACCOUNTS.provisioned],
      idTokenClaims: true,
    });
    const res = await b.signIn(ACCOUNTS.provisioned.email, '/overdue');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/overdue');
    await t.http.get('/api/v1/me').set('Cookie', b.app.header('/api/v1/me')).expect(200);

    // Down again in the middle of a sign-in: the code exchange cannot happen, 503.
    const callback = await b.authenticate(await b.begin(), ACCOUNTS.provisioned.email);
    await provider.stop();
    const failed = await b.callback(callback, JSON_ACCEPT);
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('sso_failed');
  });
});

describe('signing out of a single sign-on while the provider cannot be reached', () => {
  let t: TestApp;
  let provider: RunningProvider | undefined;
  let silent: Server | undefined;
  const held: Socket[] = [];
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    provider = await startOidcProvider({
      port,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUris: [REDIRECT_URL],
      postLogoutRedirectUris: [SIGNED_OUT_URL],
      accounts: [ACCOUNTS.provisioned],
    });
    t = await startTestApp(oidcEnv(provider.issuer));
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)));
  });

  /** Signs out, checking the session is over here whatever the provider did; returns the answer. */
  const signOut = async (b: OidcBrowser) => {
    const session = b.app.get('ot_session')!;
    const res = await b.signOut();
    expect(res.status).toBe(200);
    await t.http.get('/api/v1/me').set('Cookie', `ot_session=${session}`).expect(401);
    return res;
  };

  it('signs out here at once, and says the provider has kept its session, when it is down or silent', async () => {
    const down = new OidcBrowser(t.http, REDIRECT_URL);
    const hung = new OidcBrowser(t.http, REDIRECT_URL);
    expect((await down.signIn(ACCOUNTS.provisioned.email)).status).toBe(302);
    expect((await hung.signIn(ACCOUNTS.provisioned.email)).status).toBe(302);

    // Down: nothing listens at its address. The browser is not sent to a page that cannot load.
    await provider!.stop();
    provider = undefined;
    expect((await signOut(down)).body).toEqual({ providerSession: 'kept', redirectUrl: null });

    // Silent: it takes the connection and never answers. The answer does not wait for it long.
    silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent!.listen(port, '127.0.0.1', resolve));
    const started = Date.now();
    expect((await signOut(hung)).body).toEqual({ providerSession: 'kept', redirectUrl: null });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(held.length).toBeGreaterThan(0);
    expect(await t.prisma.userSession.count({ where: { idToken: { not: null } } })).toBe(0);
  });
});

describe('single sign-on with OIDC_PROVIDER_LOGOUT=false', () => {
  let provider: RunningProvider;
  let t: TestApp;

  beforeAll(async () => {
    provider = await startOidcProvider({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUris: [REDIRECT_URL],
      postLogoutRedirectUris: [SIGNED_OUT_URL],
      accounts: [ACCOUNTS.provisioned],
    });
    t = await startTestApp({ ...oidcEnv(provider.issuer), OIDC_PROVIDER_LOGOUT: 'false' });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  it('keeps no ID token, and signs out here only', async () => {
    const b = new OidcBrowser(t.http, REDIRECT_URL);
    expect((await b.signIn(ACCOUNTS.provisioned.email)).status).toBe(302);
    expect(await t.prisma.userSession.count({ where: { idToken: { not: null } } })).toBe(0);
    const res = await b.signOut();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ providerSession: 'none', redirectUrl: null });
    // The provider's session is left alone: single sign-on comes straight back.
    expect(await b.followAtProvider(await b.begin())).toBeInstanceOf(URL);
  });
});

describe('single sign-on when not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is not offered, and its routes answer 404 (a browser goes to /login)', async () => {
    expect((await t.http.get('/auth/providers').expect(200)).body).toEqual({
      password: true,
      oidc: false,
    });
    const res = await t.http.get('/auth/oidc/login').expect(404);
    expect(res.body.code).toBe('sso_failed');
    await t.http.get('/auth/oidc/callback?code=x&state=y').expect(404);
    const page = await t.http.get('/auth/oidc/login').set('Accept', 'text/html');
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/login?error=sso_failed');
  });
});
