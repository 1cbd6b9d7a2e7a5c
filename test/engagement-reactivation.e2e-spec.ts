import { addDays, todayUtc } from '../src/common/domain/calendar-date';
import {
  createCustomer,
  createEngagement,
  EngagementBody,
  snapshotDatabase,
  tasksUrl,
  auditEventsOf,
  patchEngagement,
} from './helpers/engagement-api';
import { expectProblem } from './helpers/problem';
import { startTestApp, TestApp } from './helpers/test-app';

/** PATCH /engagements/{id} with status ACTIVE takes a cancellation back. */
describe('reactivating a cancelled engagement', () => {
  let t: TestApp;
  let customerId: string;
  beforeAll(async () => {
    t = await startTestApp();
    customerId = await createCustomer(t, 'Comeback Corp');
  });
  afterAll(() => t.close());

  const patch = (id: string, body: object, ifMatch?: string, auth = t.admin) =>
    patchEngagement(t, id, body, ifMatch, auth);
  const cancelled = async (overrides: Record<string, unknown> = {}): Promise<EngagementBody> => {
    const { id } = await createEngagement(t, customerId, overrides);
    const res = await patch(id, { status: 'CANCELLED', reason: 'Customer postponed' }).expect(200);
    return res.body;
  };
  const events = (engagementId: string) => auditEventsOf(t, engagementId);

  it('makes it what its tasks say, clears the cancel reason, moves the ETag on and audits it with the reason', async () => {
    const { id } = await createEngagement(t, customerId);
    await t.http
      .patch(tasksUrl(id, 'subscription-prerequisites'))
      .set('Authorization', t.admin)
      .set('If-Match', '"v1"')
      .send({ status: 'IN_PROGRESS' })
      .expect(200);
    const cancel = await patch(id, { status: 'CANCELLED', reason: 'Customer postponed' });
    expect(cancel.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'Customer postponed' });
    const before = (await events(id)).length;

    const res = await patch(id, { status: 'ACTIVE', reason: 'Customer is back' }, cancel.body.etag);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ACTIVE', cancelReason: null });
    expect(res.body.version).toBe(cancel.body.version + 1);
    expect(res.headers.etag).toBe(`"v${cancel.body.version + 1}"`);
    // Its tasks move again, and kept what was done before the cancellation.
    const started = res.body.tasks.find(
      (task: { key: string }) => task.key === 'subscription-prerequisites',
    );
    expect(started.status).toBe('IN_PROGRESS');
    expect(started.allowedMoves.length).toBeGreaterThan(0);
    const after = await events(id);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({
      action: 'engagement.reactivated',
      reason: 'Customer is back',
      taskKey: null,
      changes: { status: { from: 'CANCELLED', to: 'ACTIVE' } },
    });
    await t.http
      .patch(tasksUrl(id, 'subscription-prerequisites'))
      .set('Authorization', t.admin)
      .set('If-Match', started.etag)
      .send({ status: 'DONE' })
      .expect(200);
    // And it can be cancelled again.
    await patch(id, { status: 'CANCELLED', reason: 'Postponed again' }).expect(200);
  });

  it('is COMPLETED when every task is closed', async () => {
    // The API cannot close every task of a cancelled engagement (a completed one cannot be
    // cancelled, and a cancelled one's tasks do not move), so the data is set up directly.
    const { id } = await cancelled();
    await t.prisma.task.updateMany({ where: { engagementId: id }, data: { status: 'DONE' } });
    const res = await patch(id, { status: 'ACTIVE', reason: 'Everything was done after all' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'COMPLETED', cancelReason: null });
    expect((await events(id)).at(-1)).toMatchObject({
      action: 'engagement.reactivated',
      changes: { status: { from: 'CANCELLED', to: 'COMPLETED' } },
    });
  });

  it('takes other changes sent with it, each audited after the reactivation', async () => {
    const { id, name } = await cancelled();
    const res = await patch(id, { status: 'ACTIVE', reason: 'Back', name: 'Acme, second try' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ACTIVE', name: 'Acme, second try' });
    expect((await events(id)).slice(-2)).toMatchObject([
      { action: 'engagement.reactivated', reason: 'Back' },
      { action: 'engagement.updated', changes: { name: { from: name, to: 'Acme, second try' } } },
    ]);
  });

  it('shows its overdue tasks again on the overdue board and in the lists', async () => {
    const own = await createCustomer(t, 'Late Again Ltd');
    const { id } = await createEngagement(t, own, { startDate: addDays(todayUtc(), -60) });
    const summary = async () =>
      (
        await t.http
          .get('/api/v1/reports/overdue/summary')
          .query({ customerId: own })
          .set('Authorization', t.admin)
          .expect(200)
      ).body.totalOverdue;
    const listed = async (query: Record<string, string>) =>
      (
        await t.http
          .get('/api/v1/engagements')
          .query({ customerId: own, ...query })
          .set('Authorization', t.admin)
          .expect(200)
      ).body.items.map((e: { id: string }) => e.id);
    const overdue = await summary();
    expect(overdue).toBeGreaterThan(0);

    await patch(id, { status: 'CANCELLED', reason: 'Customer postponed' }).expect(200);
    expect(await summary()).toBe(0);
    expect(await listed({ overdue: 'true' })).toEqual([]);

    const res = await patch(id, { status: 'ACTIVE', reason: 'Customer is back' }).expect(200);
    expect(res.body.overdueCount).toBe(overdue);
    expect(await summary()).toBe(overdue);
    expect(await listed({ overdue: 'true' })).toEqual([id]);
    expect(await listed({ status: 'ACTIVE' })).toEqual([id]);
    expect(await listed({ status: 'CANCELLED' })).toEqual([]);
  });

  it('is for ADMIN and STAFF: a CUSTOMER gets 403 and nothing changes', async () => {
    const { id } = await cancelled();
    const customerKey = await t.keyFor('CUSTOMER', customerId);
    const before = await snapshotDatabase(t);
    const refused = await patch(id, { status: 'ACTIVE', reason: 'Mine' }, undefined, customerKey);
    expectProblem(refused, 403);
    expect(await snapshotDatabase(t)).toBe(before);

    const staffKey = await t.keyFor('STAFF');
    const res = await patch(id, { status: 'ACTIVE', reason: 'Staff says so' }, undefined, staffKey);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ACTIVE');
  });

  it('refuses an engagement that is not cancelled: 409 naming status, nothing changed', async () => {
    const { id } = await createEngagement(t, customerId);
    const before = await snapshotDatabase(t);
    const refused = await patch(id, { status: 'ACTIVE', reason: 'Already active' });
    expectProblem(refused, 409, 'status');
    expect(refused.body.currentStatus).toBe('ACTIVE');

    // A completed engagement is not cancelled either.
    const { id: done } = await createEngagement(t, customerId);
    const { body } = await t.http
      .get(`/api/v1/engagements/${done}`)
      .set('Authorization', t.admin)
      .expect(200);
    for (const task of body.tasks as { key: string; etag: string }[]) {
      await t.http
        .patch(tasksUrl(done, task.key))
        .set('Authorization', t.admin)
        .set('If-Match', task.etag)
        .send({ status: 'NOT_APPLICABLE', reason: 'out of scope' })
        .expect(200);
    }
    const completed = await patch(done, { status: 'ACTIVE', reason: 'Again' });
    expectProblem(completed, 409, 'status');
    expect(completed.body.currentStatus).toBe('COMPLETED');
    expect(before).not.toBe(await snapshotDatabase(t)); // the tasks above did change
  });

  it('needs a reason: 422 without one, 400 for a blank one, naming reason', async () => {
    const { id } = await cancelled();
    const before = await snapshotDatabase(t);
    expectProblem(await patch(id, { status: 'ACTIVE' }), 422, 'reason');
    expectProblem(await patch(id, { status: 'ACTIVE', reason: '   ' }), 400, 'reason');
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('honours If-Match: a stale ETag is 412 and nothing changes', async () => {
    const created = await createEngagement(t, customerId);
    const cancel = await patch(
      created.id,
      { status: 'CANCELLED', reason: 'Customer postponed' },
      created.etag as string,
    ).expect(200);
    const before = await snapshotDatabase(t);
    const stale = await patch(
      created.id,
      { status: 'ACTIVE', reason: 'Back' },
      created.etag as string,
    );
    expectProblem(stale, 412);
    expect(stale.body.detail).toContain(cancel.body.etag);
    expect(await snapshotDatabase(t)).toBe(before);
    await patch(created.id, { status: 'ACTIVE', reason: 'Back' }, cancel.body.etag).expect(200);
  });

  it('leaves every other change to a cancelled engagement refused (409)', async () => {
    const { id } = await cancelled();
    const before = await snapshotDatabase(t);
    expectProblem(await patch(id, { name: 'Too late' }), 409);
    expectProblem(await patch(id, { status: 'CANCELLED', reason: 'Twice' }), 409);
    expect(await snapshotDatabase(t)).toBe(before);
  });
});
