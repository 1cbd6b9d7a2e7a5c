import {
  createCustomer,
  createEngagement,
  EngagementBody,
  snapshotDatabase,
  tasksUrl,
} from './helpers/engagement-api';
import { seedFixtureCatalogue } from './helpers/template-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

describe('engagements as seen by each role', () => {
  let t: TestApp;
  let own: EngagementBody;
  let foreign: EngagementBody;
  let ownCustomer: string;
  let customerKey: string;
  let staffKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    await seedFixtureCatalogue(t.prisma);
    ownCustomer = await createCustomer(t, 'Own Customer');
    const otherCustomer = await createCustomer(t, 'Foreign Customer');
    // In the customer-subscription model CUSTOMER is R and A for some tasks, jointly for others,
    // and only consulted/informed for the rest (e.g. infrastructure-provisioning).
    own = await createEngagement(t, ownCustomer, {
      templateKey: 'wso2-managed-customer-subscription',
    });
    foreign = await createEngagement(t, otherCustomer, {
      templateKey: 'wso2-managed-customer-subscription',
    });
    customerKey = await t.keyFor('CUSTOMER', ownCustomer);
    staffKey = await t.keyFor('STAFF');
  });
  afterAll(() => t.close());

  const as = (auth: string) => ({
    get: (url: string) => t.http.get(url).set('Authorization', auth),
    patch: (url: string, body: object, ifMatch = '"v1"') =>
      t.http.patch(url).set('Authorization', auth).set('If-Match', ifMatch).send(body),
    post: (url: string, body: object) => t.http.post(url).set('Authorization', auth).send(body),
  });

  it('a CUSTOMER lists only its own engagements, even when asking for another customer', async () => {
    const c = as(customerKey);
    const all = await c.get('/api/v1/engagements').expect(200);
    expect(all.body.items.map((e: { id: string }) => e.id)).toEqual([own.id]);
    const sneaky = await c.get(`/api/v1/engagements?customerId=${foreign.customerId}`).expect(200);
    expect(sneaky.body.items).toEqual([]);
  });

  it('a CUSTOMER reads its own engagement, tasks and audit; foreign ones are 404', async () => {
    const c = as(customerKey);
    await c.get(`/api/v1/engagements/${own.id}`).expect(200);
    await c.get(tasksUrl(own.id, 'dns-management')).expect(200);
    await c.get(`/api/v1/engagements/${own.id}/audit`).expect(200);
    await c.get(`${tasksUrl(own.id, 'dns-management')}/audit`).expect(200);
    for (const url of [
      `/api/v1/engagements/${foreign.id}`,
      tasksUrl(foreign.id, 'dns-management'),
      `/api/v1/engagements/${foreign.id}/audit`,
      `${tasksUrl(foreign.id, 'dns-management')}/audit`,
    ]) {
      const res = await c.get(url);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Foreign Customer');
    }
  });

  it('a CUSTOMER cannot create customers or engagements, nor change an engagement (403)', async () => {
    const c = as(customerKey);
    const before = await snapshotDatabase(t);
    await c.post('/api/v1/customers', { name: 'New' }).expect(403);
    await c
      .post('/api/v1/engagements', {
        customerId: ownCustomer,
        templateKey: 'customer-self-managed',
        cloudProvider: 'AWS',
        securityTier: 'BASIC',
        startDate: '2026-03-02',
      })
      .expect(403);
    await c.patch(`/api/v1/engagements/${own.id}`, { name: 'Mine now' }).expect(403);
    await c
      .patch(`/api/v1/engagements/${own.id}`, { status: 'CANCELLED', reason: 'x' })
      .expect(403);
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('a CUSTOMER changes only tasks where CUSTOMER is responsible or accountable', async () => {
    const c = as(customerKey);
    const before = await snapshotDatabase(t);
    // WSO2 is R and A for infrastructure-provisioning in this model: the customer is only consulted.
    const refused = await c.patch(tasksUrl(own.id, 'infrastructure-provisioning'), {
      status: 'IN_PROGRESS',
    });
    expect(refused.status).toBe(403);
    await c.post(`${tasksUrl(own.id, 'infrastructure-provisioning')}/complete`, {}).expect(403);
    // Foreign tasks stay invisible, even those the customer would be accountable for.
    await c
      .patch(tasksUrl(foreign.id, 'subscription-prerequisites'), { status: 'IN_PROGRESS' })
      .expect(404);
    await c.post(`${tasksUrl(foreign.id, 'subscription-prerequisites')}/complete`, {}).expect(404);
    expect(await snapshotDatabase(t)).toBe(before);

    // Customer is R and A for subscription-prerequisites, jointly for network-management.
    const mine = await c.patch(tasksUrl(own.id, 'subscription-prerequisites'), {
      status: 'IN_PROGRESS',
    });
    expect(mine.status).toBe(200);
    await c
      .post(`${tasksUrl(own.id, 'subscription-prerequisites')}/complete`, { note: 'done by us' })
      .expect(200);
    const joint = await c.patch(tasksUrl(own.id, 'network-management'), {
      assignee: 'carl@own.test',
    });
    expect(joint.status).toBe(200);
    const event = await t.prisma.auditEvent.findFirst({
      where: { engagementId: own.id, taskKey: 'network-management' },
    });
    expect(event?.actorName).toMatch(/^customer-/);
  });

  it('a CUSTOMER may not waive or re-date alone a task WSO2 is accountable for too (403 naming the field)', async () => {
    const c = as(customerKey);
    const url = tasksUrl(own.id, 'network-management');
    const etag = (await c.get(url).expect(200)).headers.etag;
    const before = await snapshotDatabase(t);
    const waived = await c.patch(url, { status: 'NOT_APPLICABLE', reason: 'not needed' }, etag);
    expect([waived.status, waived.body.errors]).toEqual([
      403,
      [{ field: 'status', message: expect.any(String) }],
    ]);
    expect(waived.body.detail).toMatch(/WSO2 is accountable for network-management/);
    const redated = await c.patch(url, { dueDate: '2027-01-31' }, etag);
    expect([redated.status, redated.body.errors]).toEqual([
      403,
      [{ field: 'dueDate', message: expect.any(String) }],
    ]);
    expect(await snapshotDatabase(t)).toBe(before);
    // Starting it is theirs to do, and WSO2's people may move its date.
    await c.patch(url, { status: 'IN_PROGRESS' }, etag).expect(200);
    const next = (await c.get(url).expect(200)).headers.etag;
    await as(staffKey)
      .patch(url, { dueDate: '2027-01-31', moveDependents: true }, next)
      .expect(200);
  });

  it('STAFF may do everything here', async () => {
    const s = as(staffKey);
    await s.get(`/api/v1/engagements/${foreign.id}`).expect(200);
    await s.patch(`/api/v1/engagements/${foreign.id}`, { name: 'Staff renamed' }).expect(200);
    await s
      .patch(tasksUrl(foreign.id, 'infrastructure-provisioning'), { status: 'IN_PROGRESS' })
      .expect(200);
    const created = await s.post('/api/v1/engagements', {
      customerId: foreign.customerId,
      templateKey: 'customer-self-managed',
      cloudProvider: 'GCP',
      securityTier: 'PREMIUM',
      startDate: '2026-03-02',
    });
    expect(created.status).toBe(201);
    const audit = await t.prisma.auditEvent.findFirst({ where: { engagementId: created.body.id } });
    expect(audit?.actorName).toMatch(/^staff-/);
  });
});
