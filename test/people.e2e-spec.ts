import { UserBootstrapService } from '../src/users/user-bootstrap.service';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { createCustomer, createEngagement, tasksUrl } from './helpers/engagement-api';
import { cookiesOf, startTestApp, TestApp } from './helpers/test-app';

const tokenOf = (url: string) => url.split('/invitations/')[1];

/** Runs `work` while capturing what it prints on stdout. */
async function capturingStdout<T>(work: () => Promise<T>): Promise<{ result: T; printed: string }> {
  let printed = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    printed += String(chunk);
    return true;
  });
  try {
    return { result: await work(), printed };
  } finally {
    spy.mockRestore();
  }
}

describe('people, from the first start to the audit trail', () => {
  describe('first start without BOOTSTRAP_ADMIN_EMAIL: a setup link for the first ADMIN', () => {
    let t: TestApp;
    let printed: string;
    beforeAll(async () => {
      ({ result: t, printed } = await capturingStdout(() =>
        startTestApp({
          BOOTSTRAP_ADMIN_EMAIL: '',
          BOOTSTRAP_ADMIN_PASSWORD: '',
          PUBLIC_URL: 'http://tracker.local:8080',
        }),
      ));
    });
    afterAll(() => t.close());

    const linkIn = (text: string) =>
      /http:\/\/tracker\.local:8080\/invitations\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

    it('prints a one-time link that asks for the email, and a new one at the next start', async () => {
      const first = linkIn(printed)!;
      expect(first).toBeDefined();
      expect(await t.prisma.user.count()).toBe(0);
      const offer = await t.http.get(`/auth/invitations/${first}`).expect(200);
      expect(offer.body).toMatchObject({
        email: null,
        role: 'ADMIN',
        customerId: null,
        customerName: null,
      });
      const restart = await capturingStdout(() =>
        t.app.get(UserBootstrapService).onApplicationBootstrap(),
      );
      const second = linkIn(restart.printed)!;
      expect(second).not.toBe(first);
      await t.http.get(`/auth/invitations/${first}`).expect(404);

      const noEmail = await t.http
        .post(`/auth/invitations/${second}/accept`)
        .send({ name: 'First Admin', password: 'Setup-passphrase-2026' })
        .expect(422);
      expect(noEmail.body.errors).toEqual([{ field: 'email', message: expect.any(String) }]);
      const accepted = await t.http
        .post(`/auth/invitations/${second}/accept`)
        .send({
          name: 'First Admin',
          password: 'Setup-passphrase-2026',
          email: 'Root@Example.test',
        })
        .expect(200);
      expect(accepted.body).toMatchObject({
        kind: 'user',
        role: 'ADMIN',
        email: 'root@example.test',
      });
      expect(cookiesOf(accepted).ot_session).toBeDefined();

      // Somebody has an account now: no more links.
      const later = await capturingStdout(() =>
        t.app.get(UserBootstrapService).onApplicationBootstrap(),
      );
      expect(linkIn(later.printed)).toBeUndefined();
      await t.http.get(`/auth/invitations/${second}`).expect(404);
    });
  });

  describe('a setup link once an ADMIN can sign in by another way', () => {
    let t: TestApp;
    let link: string;
    beforeAll(async () => {
      const started = await capturingStdout(() =>
        startTestApp({ BOOTSTRAP_ADMIN_EMAIL: '', BOOTSTRAP_ADMIN_PASSWORD: '' }),
      );
      t = started.result;
      link = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(started.printed)![1];
    });
    afterAll(() => t.close());

    it('stops working: it would be a spare key for anyone who saw the first start', async () => {
      // The operator makes the first ADMIN with the printed key instead, and they accept.
      const invited = await t.http
        .post('/api/v1/users')
        .set('Authorization', t.admin)
        .send({ email: 'ops@corp.test', role: 'ADMIN' })
        .expect(201);
      await t.http
        .post(`/auth/invitations/${tokenOf(invited.body.invitation.url)}/accept`)
        .send({ name: 'Ops', password: 'Operations-passphrase-77' })
        .expect(200);

      await t.http.get(`/auth/invitations/${link}`).expect(404);
      await t.http
        .post(`/auth/invitations/${link}/accept`)
        .send({ name: 'Intruder', password: 'Intruder-passphrase-2026', email: 'x@evil.test' })
        .expect(404);
      expect(await t.prisma.user.findMany({ select: { email: true } })).toEqual([
        { email: 'ops@corp.test' },
      ]);
      // The next start retires it for good.
      await capturingStdout(() => t.app.get(UserBootstrapService).onApplicationBootstrap());
      expect(await t.prisma.invitation.count({ where: { userId: null, usedAt: null } })).toBe(0);
    });
  });

  it('BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD go together, and the password must be good', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ BOOTSTRAP_ADMIN_EMAIL: 'a@example.test' })).toEqual([
      expect.stringContaining('must be set together'),
    ]);
    expect(
      problems({
        BOOTSTRAP_ADMIN_EMAIL: 'a@example.test',
        BOOTSTRAP_ADMIN_PASSWORD: 'password1234',
      }),
    ).toEqual([expect.stringContaining('BOOTSTRAP_ADMIN_PASSWORD is too common')]);
    expect(
      problems({ BOOTSTRAP_ADMIN_EMAIL: 'nope', BOOTSTRAP_ADMIN_PASSWORD: 'Fine-passphrase-77' }),
    ).toEqual([expect.stringContaining('BOOTSTRAP_ADMIN_EMAIL must be an email address')]);
  });

  describe('invitation → accept → sign in → act → the audit names the person', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it("refuses a password that is little more than the customer's name and a sequence, at accept and at change", async () => {
      const customer = await createCustomer(t, 'Acme Corporation');
      const staff = await t.adminUser();
      const invited = await staff
        .post('/api/v1/users')
        .send({ email: 'ana@acme.example', role: 'CUSTOMER', customerId: customer })
        .expect(201);
      const accept = `/auth/invitations/${tokenOf(invited.body.invitation.url)}/accept`;
      const refused = await t.http
        .post(accept)
        .send({ name: 'Ana Lima', password: 'Corporation-12345' })
        .expect(422);
      expect(refused.body.errors).toEqual([
        {
          field: 'password',
          message: expect.stringMatching(/too easy to guess.*your organisation.*sequence/),
        },
      ]);
      // Nothing was used up: the link still works, with a password that is hard to guess.
      await t.http
        .post(accept)
        .send({ name: 'Ana Lima', password: 'Birch-canal-osprey-31' })
        .expect(200);
      const ana = await t.signIn('ana@acme.example', 'Birch-canal-osprey-31');
      const change = await ana
        .post('/api/v1/me/password')
        .send({ currentPassword: 'Birch-canal-osprey-31', newPassword: 'Lima2026Lima2026' })
        .expect(422);
      expect(change.body.errors).toEqual([
        {
          field: 'newPassword',
          message: expect.stringMatching(/too easy to guess.*your name.*a year/),
        },
      ]);
      await t.signIn('ana@acme.example', 'Birch-canal-osprey-31');
    });

    it('a customer engineer marks their task done in a browser session', async () => {
      const customer = await createCustomer(t, 'Journey Ltd');
      const engagement = await createEngagement(t, customer, {
        templateKey: 'wso2-managed-customer-subscription',
      });
      const staff = await t.adminUser();
      const invited = await staff
        .post('/api/v1/users')
        .send({ email: 'Kim.Park@Journey.example', role: 'CUSTOMER', customerId: customer })
        .expect(201);
      await t.http
        .post(`/auth/invitations/${tokenOf(invited.body.invitation.url)}/accept`)
        .send({ name: 'Kim Park', password: 'Journey-passphrase-31' })
        .expect(200);
      const kim = await t.signIn('kim.park@journey.example', 'Journey-passphrase-31');

      const url = `${tasksUrl(engagement.id, 'subscription-prerequisites')}/complete`;
      // Without the CSRF header the change is refused and nothing happens.
      await t.http.post(url).set('Cookie', kim.cookie).send({}).expect(403);
      expect(
        await t.prisma.auditEvent.count({
          where: { engagementId: engagement.id, actorKind: 'user' },
        }),
      ).toBe(0);
      const done = await kim.post(url).send({ note: 'Subscription ready' }).expect(200);
      expect(done.body.status).toBe('DONE');

      const audit = await kim.get(`/api/v1/engagements/${engagement.id}/audit`).expect(200);
      const event = audit.body.items.find(
        (e: { action: string }) => e.action === 'task.status_changed',
      );
      expect(event.actor).toEqual({
        kind: 'user',
        id: kim.id,
        name: 'Kim Park',
        email: 'kim.park@journey.example',
      });
      // Events written by keys and by the system say so.
      const created = audit.body.items.find(
        (e: { action: string }) => e.action === 'engagement.created',
      );
      expect(created.actor).toMatchObject({ kind: 'key', name: 'bootstrap-admin', email: null });

      // The person can be named as a task's assignee, by user id.
      const task = await kim
        .get(tasksUrl(engagement.id, 'remote-access-for-installation'))
        .expect(200);
      const assigned = await t.http
        .patch(tasksUrl(engagement.id, 'remote-access-for-installation'))
        .set('Authorization', t.admin)
        .set('If-Match', task.body.etag)
        .send({ assignee: kim.id })
        .expect(200);
      expect(assigned.body.assignee).toBe(kim.id);
    });
  });
});
