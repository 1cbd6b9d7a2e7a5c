import {
  createCustomer,
  createEngagement,
  EngagementBody,
  tasksUrl,
} from './helpers/engagement-api';
import { InvitationsService } from '../src/users/invitations.service';
import { runEscalation, waitForIdleRuns } from './helpers/escalation-fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp, UserAgent } from './helpers/test-app';

/**
 * Every endpoint × every principal: ADMIN, STAFF, a CUSTOMER on its own customer's data, and a
 * second customer's CUSTOMER aimed at the same data (which must look as if it did not exist) —
 * each once as an API key and once as a signed-in person (session cookie + CSRF token) — plus no
 * credentials at all. Keys and people must get exactly the same statuses (one policy decides for
 * both). Every 2xx body seen by a customer is checked for the other customer's rows.
 */
type Actor = 'admin' | 'staff' | 'own' | 'foreign';
const ACTORS: Actor[] = ['admin', 'staff', 'own', 'foreign'];
type Kind = 'key' | 'user';
const KINDS: Kind[] = ['key', 'user'];

/** Who makes a call: a key, or a person (with their agent when the case asked for a fresh one). */
interface Caller {
  kind: Kind;
  agent?: UserAgent;
}

interface Call {
  method: 'get' | 'post' | 'patch' | 'delete';
  url: string;
  body?: object;
  headers?: Record<string, string>;
}
interface Case {
  /** OpenAPI path and method this case covers, e.g. `GET /api/v1/engagements/{id}`. */
  route: string;
  /** Builds the request; runs once per actor and kind, so it can create what the call consumes. */
  call: (actor: Actor, caller: Caller) => Promise<Call> | Call;
  expect: Record<Actor, number>;
  /** Only where a person and a key differ by nature (a key has no password). */
  expectForUsers?: Record<Actor, number>;
  /** Public routes answer without credentials. */
  isPublic?: boolean;
  /** The call ends or replaces the caller's session: people make it from a fresh session. */
  consumesSession?: boolean;
}

const ALL = (status: number): Record<Actor, number> => ({
  admin: status,
  staff: status,
  own: status,
  foreign: status,
});
const ADMIN_ONLY = (status: number) => ({ admin: status, staff: 403, own: 403, foreign: 403 });
const STAFF_UP = (status: number) => ({ admin: status, staff: status, own: 403, foreign: 403 });
const OWN_ONLY = (status: number) => ({ admin: status, staff: status, own: status, foreign: 404 });

describe('access control matrix', () => {
  let t: TestApp;
  let credentials: Record<Kind, Record<Actor, Record<string, string>>>;
  const roleOf = (actor: Actor) =>
    actor === 'admin' ? 'ADMIN' : actor === 'staff' ? 'STAFF' : 'CUSTOMER';
  const customerOf = (actor: Actor) =>
    actor === 'own' ? customerA : actor === 'foreign' ? customerB : undefined;
  const personFor = (actor: Actor) => t.userFor(roleOf(actor), customerOf(actor));
  let customerA: string;
  let customerB: string;
  let engagementA: EngagementBody;
  let engagementB: EngagementBody;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}`;
  // A task CUSTOMER is responsible and accountable for in this model, with no dependencies.
  const TEMPLATE = 'wso2-managed-customer-subscription';
  const CUSTOMER_TASK = 'subscription-prerequisites';

  beforeAll(async () => {
    t = await startTestApp();
    customerA = await createCustomer(t, 'Alpha Industries');
    customerB = await createCustomer(t, 'Beta Logistics');
    const overdueStart = { templateKey: TEMPLATE, startDate: '2026-01-05' };
    engagementA = await createEngagement(t, customerA, overdueStart);
    engagementB = await createEngagement(t, customerB, overdueStart);
    const bearer = (value: string) => ({ Authorization: value });
    credentials = {
      key: {} as Record<Actor, Record<string, string>>,
      user: {} as Record<Actor, Record<string, string>>,
    };
    for (const actor of ACTORS) {
      credentials.key[actor] = bearer(
        actor === 'admin' ? t.admin : await t.keyFor(roleOf(actor), customerOf(actor)),
      );
      credentials.user[actor] = (await personFor(actor)).headers;
    }
    // Notifications for both customers, so the notification list has rows to leak.
    await runEscalation(t, { asOf: '2026-11-25' });
  });
  afterAll(() => t.close());

  /** A fresh engagement of customer A, for calls that change it. */
  const freshEngagementA = () => createEngagement(t, customerA, { templateKey: TEMPLATE });
  const deadNotificationOfA = async () => {
    const engagement = await createEngagement(t, customerA, {
      templateKey: TEMPLATE,
      startDate: '2026-01-05',
    });
    await runEscalation(t, { asOf: '2026-11-25' });
    const notification = await t.prisma.notification.findFirstOrThrow({
      where: { engagementId: engagement.id },
    });
    await t.prisma.notification.update({
      where: { id: notification.id },
      data: { status: 'DEAD' },
    });
    return notification.id;
  };
  const templateBody = async (key: string) => {
    const res = await t.http
      .get(`/api/v1/templates/${key}`)
      .set('Authorization', t.admin)
      .expect(200);
    const { name, description, parties, allowedCloudProviders, tasks } = res.body;
    return { name, description, parties, allowedCloudProviders, tasks };
  };

  /**
   * A one-time link for an invited person: the link itself is the credential, so each actor gets
   * one of a customer it may see (its own), and the leak check still holds.
   */
  const invitationFor = async (actor: Actor) => {
    const user = await t.prisma.user.create({
      data: {
        email: `${unique('invitee')}@example.test`,
        role: 'CUSTOMER',
        customerId: actor === 'foreign' ? customerB : customerA,
      },
    });
    const link = await t.prisma.$transaction((tx) =>
      t.app.get(InvitationsService).issue(tx, user.id),
    );
    return link.url.split('/').pop()!;
  };

  const invitedUserOfA = async () =>
    (
      await t.prisma.user.create({
        data: {
          email: `${unique('person')}@a.example.test`,
          role: 'CUSTOMER',
          customerId: customerA,
        },
      })
    ).id;

  const cases: Case[] = [
    {
      route: 'GET /auth/providers',
      call: () => ({ method: 'get', url: '/auth/providers' }),
      expect: ALL(200),
      isPublic: true,
    },
    {
      route: 'POST /auth/login',
      call: () => ({
        method: 'post',
        url: '/auth/login',
        body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      }),
      expect: ALL(200),
      isPublic: true,
      consumesSession: true,
    },
    {
      route: 'POST /auth/logout',
      call: () => ({ method: 'post', url: '/auth/logout' }),
      expect: ALL(200),
      consumesSession: true,
    },
    {
      route: 'GET /auth/invitations/{token}',
      call: async (actor) => ({
        method: 'get',
        url: `/auth/invitations/${await invitationFor(actor)}`,
      }),
      expect: ALL(200),
      isPublic: true,
    },
    {
      route: 'POST /auth/invitations/{token}/accept',
      call: async (actor) => ({
        method: 'post',
        url: `/auth/invitations/${await invitationFor(actor)}/accept`,
        body: { name: 'Invited Person', password: 'An-acceptable-passphrase-7' },
      }),
      expect: ALL(200),
      isPublic: true,
      consumesSession: true,
    },
    // Single sign-on is public; this app has no OIDC_* set, so both answer 404 to everyone
    // (test/oidc.e2e-spec.ts runs them against a real provider).
    {
      route: 'GET /auth/oidc/login',
      call: () => ({ method: 'get', url: '/auth/oidc/login?returnTo=/overdue' }),
      expect: ALL(404),
      isPublic: true,
    },
    {
      route: 'GET /auth/oidc/callback',
      call: () => ({ method: 'get', url: '/auth/oidc/callback?code=c&state=s' }),
      expect: ALL(404),
      isPublic: true,
    },
    {
      route: 'GET /api/v1/me',
      call: () => ({ method: 'get', url: '/api/v1/me' }),
      expect: ALL(200),
    },
    {
      route: 'GET /api/v1/me/account',
      call: () => ({ method: 'get', url: '/api/v1/me/account' }),
      // A key has no account of its own; every person has.
      expect: ALL(403),
      expectForUsers: ALL(200),
    },
    {
      route: 'PATCH /api/v1/me',
      call: (actor) => ({ method: 'patch', url: '/api/v1/me', body: { name: `Renamed ${actor}` } }),
      // A key has no name of its own to change; every person has.
      expect: ALL(403),
      expectForUsers: ALL(200),
    },
    {
      route: 'POST /api/v1/me/password',
      call: (_actor, caller) => ({
        method: 'post',
        url: '/api/v1/me/password',
        body: {
          currentPassword: caller.agent?.password ?? 'whatever-it-was',
          newPassword: 'A-new-passphrase-for-keys',
        },
      }),
      // A key has no password to change; every person has.
      expect: ALL(403),
      expectForUsers: ALL(204),
      consumesSession: true,
    },

    {
      route: 'GET /api/v1/users',
      call: () => ({ method: 'get', url: '/api/v1/users' }),
      expect: STAFF_UP(200),
    },
    {
      route: 'POST /api/v1/users',
      call: () => ({
        method: 'post',
        url: '/api/v1/users',
        body: { email: `${unique('new')}@a.example.test`, role: 'CUSTOMER', customerId: customerA },
      }),
      expect: STAFF_UP(201),
    },
    {
      route: 'GET /api/v1/users/{id}',
      call: async () => ({ method: 'get', url: `/api/v1/users/${await invitedUserOfA()}` }),
      expect: STAFF_UP(200),
    },
    {
      route: 'PATCH /api/v1/users/{id}',
      call: async () => ({
        method: 'patch',
        url: `/api/v1/users/${await invitedUserOfA()}`,
        body: { name: unique('Renamed Person') },
      }),
      expect: STAFF_UP(200),
    },
    {
      route: 'GET /api/v1/users/{id}/history',
      call: async () => ({ method: 'get', url: `/api/v1/users/${await invitedUserOfA()}/history` }),
      expect: STAFF_UP(200),
    },
    {
      route: 'DELETE /api/v1/users/{id}/sso-identity',
      call: async () => ({
        method: 'delete',
        url: `/api/v1/users/${await invitedUserOfA()}/sso-identity`,
      }),
      expect: STAFF_UP(200),
    },
    {
      route: 'DELETE /api/v1/users/{id}/sessions',
      call: async () => ({
        method: 'delete',
        url: `/api/v1/users/${await invitedUserOfA()}/sessions`,
      }),
      expect: STAFF_UP(200),
    },
    {
      route: 'POST /api/v1/users/{id}/invitation',
      call: async () => ({
        method: 'post',
        url: `/api/v1/users/${await invitedUserOfA()}/invitation`,
      }),
      expect: STAFF_UP(201),
    },
    {
      route: 'GET /health/live',
      call: () => ({ method: 'get', url: '/health/live' }),
      expect: ALL(200),
      isPublic: true,
    },
    {
      route: 'GET /health/ready',
      call: () => ({ method: 'get', url: '/health/ready' }),
      expect: ALL(200),
      isPublic: true,
    },

    {
      route: 'POST /api/v1/api-keys',
      call: () => ({
        method: 'post',
        url: '/api/v1/api-keys',
        body: { name: unique('k'), role: 'STAFF' },
      }),
      expect: ADMIN_ONLY(201),
    },
    {
      route: 'GET /api/v1/api-keys',
      call: () => ({ method: 'get', url: '/api/v1/api-keys' }),
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'GET /api/v1/api-keys/{id}',
      call: async () => {
        const key = await t.prisma.apiKey.findFirstOrThrow({ where: { role: 'STAFF' } });
        return { method: 'get', url: `/api/v1/api-keys/${key.id}` };
      },
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'DELETE /api/v1/api-keys/{id}',
      call: async () => {
        const res = await t.http
          .post('/api/v1/api-keys')
          .set('Authorization', t.admin)
          .send({ name: unique('doomed'), role: 'STAFF' });
        return { method: 'delete', url: `/api/v1/api-keys/${res.body.id}` };
      },
      expect: ADMIN_ONLY(200),
    },

    {
      route: 'GET /api/v1/templates',
      call: () => ({ method: 'get', url: '/api/v1/templates' }),
      expect: ALL(200),
    },
    {
      route: 'GET /api/v1/templates/{key}',
      call: () => ({ method: 'get', url: `/api/v1/templates/${TEMPLATE}` }),
      expect: ALL(200),
    },
    {
      route: 'GET /api/v1/templates/{key}/versions',
      call: () => ({ method: 'get', url: `/api/v1/templates/${TEMPLATE}/versions` }),
      expect: ALL(200),
    },
    {
      route: 'GET /api/v1/templates/{key}/versions/{version}',
      call: () => ({ method: 'get', url: `/api/v1/templates/${TEMPLATE}/versions/1` }),
      expect: ALL(200),
    },
    {
      route: 'GET /api/v1/templates/{key}/versions/{a}/diff/{b}',
      call: () => ({ method: 'get', url: `/api/v1/templates/${TEMPLATE}/versions/1/diff/1` }),
      expect: ALL(200),
    },
    {
      route: 'POST /api/v1/templates',
      call: async () => ({
        method: 'post',
        url: '/api/v1/templates',
        body: { key: unique('custom-model'), ...(await templateBody('customer-self-managed')) },
      }),
      expect: ADMIN_ONLY(201),
    },
    {
      route: 'POST /api/v1/templates/{key}/versions',
      call: async () => {
        const key = unique('versioned-model');
        const body = await templateBody('customer-self-managed');
        await t.http
          .post('/api/v1/templates')
          .set('Authorization', t.admin)
          .send({ key, ...body })
          .expect(201);
        return { method: 'post', url: `/api/v1/templates/${key}/versions`, body };
      },
      expect: ADMIN_ONLY(201),
    },

    {
      route: 'POST /api/v1/customers',
      call: () => ({
        method: 'post',
        url: '/api/v1/customers',
        body: { name: unique('Gamma Corp') },
      }),
      expect: STAFF_UP(201),
    },
    {
      route: 'GET /api/v1/customers',
      call: () => ({ method: 'get', url: '/api/v1/customers' }),
      expect: ALL(200),
    },
    {
      route: 'GET /api/v1/customers/{id}',
      call: () => ({ method: 'get', url: `/api/v1/customers/${customerA}` }),
      expect: OWN_ONLY(200),
    },

    {
      route: 'POST /api/v1/engagements',
      call: () => ({
        method: 'post',
        url: '/api/v1/engagements',
        body: {
          customerId: customerA,
          templateKey: TEMPLATE,
          cloudProvider: 'AWS',
          securityTier: 'BASIC',
          startDate: '2026-12-01',
        },
      }),
      expect: STAFF_UP(201),
    },
    {
      route: 'GET /api/v1/engagements',
      call: () => ({ method: 'get', url: '/api/v1/engagements' }),
      expect: ALL(200),
    },
    {
      route: 'GET /api/v1/engagements/{id}',
      call: () => ({ method: 'get', url: `/api/v1/engagements/${engagementA.id}` }),
      expect: OWN_ONLY(200),
    },
    {
      route: 'PATCH /api/v1/engagements/{id}',
      call: async () => ({
        method: 'patch',
        url: `/api/v1/engagements/${(await freshEngagementA()).id}`,
        body: { name: unique('Renamed') },
      }),
      expect: STAFF_UP(200),
    },
    {
      route: 'GET /api/v1/engagements/{engagementId}/tasks/{taskKey}',
      call: () => ({ method: 'get', url: tasksUrl(engagementA.id, CUSTOMER_TASK) }),
      expect: OWN_ONLY(200),
    },
    {
      route: 'PATCH /api/v1/engagements/{engagementId}/tasks/{taskKey}',
      call: async () => ({
        method: 'patch',
        url: tasksUrl((await freshEngagementA()).id, CUSTOMER_TASK),
        body: { status: 'IN_PROGRESS' },
        headers: { 'If-Match': '"v1"' },
      }),
      expect: OWN_ONLY(200),
    },
    {
      route: 'POST /api/v1/engagements/{engagementId}/tasks/{taskKey}/complete',
      call: async () => ({
        method: 'post',
        url: `${tasksUrl((await freshEngagementA()).id, CUSTOMER_TASK)}/complete`,
        body: {},
      }),
      expect: OWN_ONLY(200),
    },
    {
      route: 'GET /api/v1/engagements/{engagementId}/audit',
      call: () => ({ method: 'get', url: `/api/v1/engagements/${engagementA.id}/audit` }),
      expect: OWN_ONLY(200),
    },
    {
      route: 'GET /api/v1/engagements/{engagementId}/audit/verify',
      call: () => ({ method: 'get', url: `/api/v1/engagements/${engagementA.id}/audit/verify` }),
      expect: OWN_ONLY(200),
    },
    {
      route: 'GET /api/v1/engagements/{engagementId}/tasks/{taskKey}/audit',
      call: () => ({ method: 'get', url: `${tasksUrl(engagementA.id, CUSTOMER_TASK)}/audit` }),
      expect: OWN_ONLY(200),
    },

    {
      route: 'GET /api/v1/reports/overdue',
      call: () => ({ method: 'get', url: '/api/v1/reports/overdue' }),
      expect: ALL(200),
    },
    {
      route: 'GET /api/v1/reports/overdue/summary',
      call: () => ({ method: 'get', url: '/api/v1/reports/overdue/summary' }),
      expect: ALL(200),
    },
    {
      route: 'GET /api/v1/reports/overdue/items',
      call: () => ({ method: 'get', url: '/api/v1/reports/overdue/items' }),
      expect: ALL(200),
    },

    {
      route: 'POST /api/v1/escalations/run',
      call: async () => {
        // One run at a time: each actor's attempt starts when the last one has finished.
        await waitForIdleRuns(t.prisma);
        return { method: 'post', url: '/api/v1/escalations/run', body: { asOf: '2026-11-25' } };
      },
      expect: ADMIN_ONLY(202),
    },
    {
      route: 'GET /api/v1/escalations/runs/{id}',
      call: async () => ({
        method: 'get',
        url: `/api/v1/escalations/runs/${(await runEscalation(t, { dryRun: true })).id}`,
      }),
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'GET /api/v1/notifications',
      call: () => ({ method: 'get', url: '/api/v1/notifications' }),
      expect: ALL(200),
    },
    {
      route: 'POST /api/v1/notifications/{id}/retry',
      call: async () => ({
        method: 'post',
        url: `/api/v1/notifications/${await deadNotificationOfA()}/retry`,
      }),
      expect: STAFF_UP(200),
    },
  ];

  const send = (call: Call, auth?: Record<string, string>) => {
    let req = t.http[call.method](call.url);
    if (auth) req = req.set(auth);
    for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
    return call.body ? req.send(call.body) : req;
  };

  it('covers every operation of the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(cases.map((c) => c.route).sort());
  });

  const byKind = (kind: Kind, statuses: Record<Actor, number>) =>
    Object.fromEntries(ACTORS.map((actor) => [`${kind}:${actor}`, statuses[actor]]));

  it.each(cases.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
    const results: Record<string, number> = {};
    for (const kind of KINDS) {
      for (const actor of ACTORS) {
        const caller: Caller = { kind };
        let auth = credentials[kind][actor];
        if (kind === 'user' && c.consumesSession) {
          caller.agent = await personFor(actor);
          auth = caller.agent.headers;
        }
        const res = await send(await c.call(actor, caller), auth);
        results[`${kind}:${actor}`] = res.status;
        if (res.status < 300 && (actor === 'own' || actor === 'foreign')) {
          const text = JSON.stringify(res.body);
          const theirs = actor === 'own' ? engagementB : engagementA;
          // A customer never sees the other customer's id, name or engagements.
          expect({
            kind,
            actor,
            route: c.route,
            leaks: text.includes(theirs.customerId as string),
          }).toEqual({
            kind,
            actor,
            route: c.route,
            leaks: false,
          });
          expect(text.includes(theirs.id) || text.includes(String(theirs.customerName))).toBe(
            false,
          );
        }
      }
    }
    const anonymous = await send(await c.call('admin', { kind: 'key' }));
    results.none = anonymous.status;
    expect(results).toEqual({
      ...byKind('key', c.expect),
      ...byKind('user', c.expectForUsers ?? c.expect),
      none: c.isPublic ? c.expect.admin : 401,
    });
  });

  it.each(KINDS)('lists and reports show each customer (%s) exactly its own rows', async (kind) => {
    for (const [actor, mine] of [
      ['own', engagementA],
      ['foreign', engagementB],
    ] as const) {
      const auth = credentials[kind][actor];
      const list = await t.http.get('/api/v1/engagements').set(auth).expect(200);
      expect(new Set(list.body.items.map((e: { customerId: string }) => e.customerId))).toEqual(
        new Set([mine.customerId]),
      );
      const report = await t.http.get('/api/v1/reports/overdue').set(auth).expect(200);
      expect(report.body.totalOverdue).toBeGreaterThan(0);
      expect(new Set(report.body.items.map((i: { customerId: string }) => i.customerId))).toEqual(
        new Set([mine.customerId]),
      );
      const summary = await t.http.get('/api/v1/reports/overdue/summary').set(auth).expect(200);
      expect(summary.body.totalOverdue).toBe(report.body.totalOverdue);
      const items = await t.http.get('/api/v1/reports/overdue/items').set(auth).expect(200);
      expect(items.body.items.length).toBeGreaterThan(0);
      expect(new Set(items.body.items.map((i: { customerId: string }) => i.customerId))).toEqual(
        new Set([mine.customerId]),
      );
      const customers = await t.http.get('/api/v1/customers').set(auth).expect(200);
      expect(customers.body.map((c: { id: string }) => c.id)).toEqual([mine.customerId]);
      const notifications = await t.http.get('/api/v1/notifications').set(auth).expect(200);
      expect(notifications.body.items.length).toBeGreaterThan(0);
      expect(
        new Set(notifications.body.items.map((n: { engagementId: string }) => n.engagementId)),
      ).not.toContain(actor === 'own' ? engagementB.id : engagementA.id);
    }
  });

  it('records the acting key in audit events', async () => {
    const engagement = await freshEngagementA();
    await t.http
      .post(`${tasksUrl(engagement.id, CUSTOMER_TASK)}/complete`)
      .set(credentials.key.own)
      .send({})
      .expect(200);
    const event = await t.prisma.auditEvent.findFirstOrThrow({
      where: { engagementId: engagement.id, taskKey: CUSTOMER_TASK },
      orderBy: { id: 'desc' },
    });
    const key = await t.prisma.apiKey.findFirstOrThrow({ where: { customerId: customerA } });
    expect(event).toMatchObject({
      actorKind: 'key',
      actorId: key.id,
      actorName: key.name,
      actorEmail: null,
    });
  });

  it('records the acting person in audit events', async () => {
    const engagement = await freshEngagementA();
    const person = await personFor('own');
    await person
      .post(`${tasksUrl(engagement.id, CUSTOMER_TASK)}/complete`)
      .send({})
      .expect(200);
    const event = await t.prisma.auditEvent.findFirstOrThrow({
      where: { engagementId: engagement.id, taskKey: CUSTOMER_TASK },
      orderBy: { id: 'desc' },
    });
    const user = await t.prisma.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(event).toMatchObject({
      actorKind: 'user',
      actorId: user.id,
      actorName: user.name,
      actorEmail: user.email,
    });
  });

  it.each([
    ['/api/v1/customers/nope', 'id'],
    ['/api/v1/engagements/nope', 'id'],
    ['/api/v1/engagements/nope/audit', 'engagementId'],
    ['/api/v1/engagements/nope/tasks/dns-management', 'engagementId'],
  ])('names a malformed id in %s (400)', async (url, field) => {
    const res = await t.http.get(url).set('Authorization', t.admin).expect(400);
    expect(res.body.errors).toEqual([{ field, message: 'must be a UUID' }]);
  });
});
