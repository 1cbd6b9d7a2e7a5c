import { createCustomer, createEngagement, tasksUrl } from './helpers/engagement-api';
import { startTestApp, TestApp } from './helpers/test-app';

describe('assignees given as user ids are named, as far as the engagement may show them', () => {
  let t: TestApp;
  let acme: string;
  let engagementId: string;
  const people: Record<string, { id: string; email: string; name: string | null }> = {};

  beforeAll(async () => {
    t = await startTestApp();
    acme = await createCustomer(t, 'Acme');
    const globex = await createCustomer(t, 'Globex');
    engagementId = (await createEngagement(t, acme)).id;
    const person = async (key: string, name: string | null, customerId: string | null) => {
      const email = `${key}@people.example.test`;
      const role = customerId ? 'CUSTOMER' : 'STAFF';
      people[key] = await t.prisma.user.create({
        data: { email, name, role, customerId, status: name ? 'ACTIVE' : 'INVITED' },
        select: { id: true, email: true, name: true },
      });
    };
    await person('wanda', 'Wanda Perera', null);
    await person('ana', 'Ana Silva', acme);
    await person('invited', null, acme);
    await person('gina', 'Gina Globex', globex);
  });
  afterAll(() => t.close());

  const assign = async (key: string, assignee: string | null) => {
    const task = await t.http.get(tasksUrl(engagementId, key)).set('Authorization', t.admin);
    const res = await t.http
      .patch(tasksUrl(engagementId, key))
      .set('Authorization', t.admin)
      .set('If-Match', task.body.etag)
      .send({ assignee });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('names WSO2 people and the customer’s own in the answer to the change and in reads', async () => {
    const wanda = people['wanda'];
    const changed = await assign('subscription-prerequisites', wanda.id);
    expect(changed).toMatchObject({
      assignee: wanda.id,
      assigneeUser: { name: 'Wanda Perera', email: wanda.email },
    });
    await assign('remote-access-for-installation', people['ana'].id);
    // Not yet accepted: no name, the email says who.
    await assign('network-management', people['invited'].id);
    const read = await t.http
      .get(tasksUrl(engagementId, 'subscription-prerequisites'))
      .set('Authorization', t.admin)
      .expect(200);
    expect(read.body.assigneeUser).toEqual({ name: 'Wanda Perera', email: wanda.email });

    const customer = await t.keyFor('CUSTOMER', acme);
    const engagement = await t.http
      .get(`/api/v1/engagements/${engagementId}`)
      .set('Authorization', customer)
      .expect(200);
    const byKey = Object.fromEntries(
      engagement.body.tasks.map((task: { key: string; assigneeUser: unknown }) => [
        task.key,
        task.assigneeUser,
      ]),
    );
    expect(byKey).toMatchObject({
      'subscription-prerequisites': { name: 'Wanda Perera', email: wanda.email },
      'remote-access-for-installation': { name: 'Ana Silva', email: people['ana'].email },
      'network-management': { name: null, email: people['invited'].email },
    });
    // Every other task: nobody assigned, nobody named.
    expect(Object.values(byKey).filter((user) => user !== null)).toHaveLength(3);
  });

  it('leaves free text as written, and another customer’s person an id', async () => {
    const text = await assign('subscription-prerequisites', 'ops@acme.example');
    expect(text).toMatchObject({ assignee: 'ops@acme.example', assigneeUser: null });
    const gina = people['gina'];
    const other = await assign('subscription-prerequisites', gina.id);
    expect(other).toMatchObject({ assignee: gina.id, assigneeUser: null });
    const engagement = await t.http
      .get(`/api/v1/engagements/${engagementId}`)
      .set('Authorization', await t.keyFor('CUSTOMER', acme))
      .expect(200);
    expect(JSON.stringify(engagement.body)).not.toContain('Gina');
  });

  it('names them in the history too, where the events keep the ids they recorded', async () => {
    const customer = await t.keyFor('CUSTOMER', acme);
    const history = await t.http
      .get(`/api/v1/engagements/${engagementId}/audit`)
      .query({ taskKey: 'subscription-prerequisites' })
      .set('Authorization', customer)
      .expect(200);
    const changes = history.body.items
      .filter((e: { changes: object }) => 'assignee' in e.changes)
      .map((e: { changes: { assignee: unknown }; people: unknown }) => ({
        assignee: e.changes.assignee,
        people: e.people,
      }));
    const { wanda, gina } = people;
    expect(changes).toEqual([
      {
        assignee: { from: null, to: wanda.id },
        people: { [wanda.id]: { name: 'Wanda Perera', email: wanda.email } },
      },
      {
        assignee: { from: wanda.id, to: 'ops@acme.example' },
        people: { [wanda.id]: { name: 'Wanda Perera', email: wanda.email } },
      },
      { assignee: { from: 'ops@acme.example', to: gina.id }, people: {} },
    ]);
    const created = history.body.items.find(
      (e: { action: string }) => e.action === 'engagement.created',
    );
    expect(created?.people ?? {}).toEqual({});
  });

  it('names the assignee of a task it changes from the write itself, not a statement of its own', async () => {
    const key = 'remote-access-for-installation'; // assigned to Ana above
    const task = await t.http
      .get(tasksUrl(engagementId, key))
      .set('Authorization', t.admin)
      .expect(200);
    const statements = jest.spyOn(t.prisma.pool, 'query');
    try {
      const res = await t.http
        .patch(tasksUrl(engagementId, key))
        .set('Authorization', t.admin)
        .set('If-Match', task.body.etag)
        .send({ note: 'Ana has the VPN details' })
        .expect(200);
      expect(res.body.assigneeUser).toEqual({ name: 'Ana Silva', email: people['ana'].email });
      // Statements about tasks or people; not the bookkeeping that runs beside requests on a
      // timer (rate-limit counters, last-used times).
      const sent = statements.mock.calls
        .map((call) => {
          const statement: unknown = call[0];
          return typeof statement === 'string' ? statement : (statement as { text: string }).text;
        })
        .filter((text) => /\b(task|app_user)\b/.test(text))
        .map((text) => text.trim().split(/\s+/, 3).join(' '));
      // The task read in context, then the write (which names the assignee): nothing else.
      expect(sent).toEqual(['SELECT e.status::text AS', 'WITH unchanged AS']);
    } finally {
      statements.mockRestore();
    }
  });
});
