import { addDays, todayUtc } from '../src/common/domain/calendar-date';
import {
  createCustomer,
  createEngagement,
  EngagementBody,
  snapshotDatabase,
  TaskBody,
  tasksUrl,
  auditEventsOf,
  patchEngagement,
} from './helpers/engagement-api';
import { expectProblem } from './helpers/problem';
import { startTestApp, TestApp } from './helpers/test-app';

/** PATCH /engagements/{id} with startDate moves the start, and the open tasks with it. */
describe('rescheduling an engagement', () => {
  let t: TestApp;
  let customerId: string;
  beforeAll(async () => {
    t = await startTestApp();
    customerId = await createCustomer(t, 'Slipped Start Ltd');
  });
  afterAll(() => t.close());

  const patch = (id: string, body: object, ifMatch?: string, auth = t.admin) =>
    patchEngagement(t, id, body, ifMatch, auth);
  const changeTask = async (id: string, task: TaskBody, body: object) =>
    (
      await t.http
        .patch(tasksUrl(id, task.key))
        .set('Authorization', t.admin)
        .set('If-Match', task.etag)
        .send(body)
        .expect(200)
    ).body as TaskBody;
  const read = async (id: string): Promise<EngagementBody> =>
    (await t.http.get(`/api/v1/engagements/${id}`).set('Authorization', t.admin).expect(200)).body;
  const events = (engagementId: string) => auditEventsOf(t, engagementId);
  const byKey = (engagement: EngagementBody) =>
    new Map(engagement.tasks.map((task) => [task.key, task]));

  /** Starts 2026-03-02; one task DONE, one NOT_APPLICABLE, one re-dated by hand 3 days later. */
  const underWay = async () => {
    const created = await createEngagement(t, customerId);
    const [first, second, third] = created.tasks;
    await changeTask(created.id, first, { status: 'DONE' });
    await changeTask(created.id, second, { status: 'NOT_APPLICABLE', reason: 'Not needed' });
    await changeTask(created.id, third, { dueDate: addDays(third.dueDate as string, 3) });
    const engagement = await read(created.id);
    return { engagement, done: first.key, skipped: second.key, handDated: third.key };
  };

  it('moves every open task by the days the start moved, closed ones keep their dates, all versioned and audited', async () => {
    const { engagement, done, skipped, handDated } = await underWay();
    const before = byKey(engagement);
    const eventsBefore = (await events(engagement.id)).length;

    const res = await patch(
      engagement.id,
      { startDate: '2026-03-16' },
      engagement.etag as string,
    ).expect(200);

    expect(res.body.startDate).toBe('2026-03-16');
    expect(res.body.version).toBe((engagement.version as number) + 1);
    expect(res.headers.etag).toBe(`"v${(engagement.version as number) + 1}"`);
    const after = byKey(res.body);
    const open = engagement.tasks.filter((task) => task.key !== done && task.key !== skipped);
    expect(open).toHaveLength(engagement.tasks.length - 2);
    for (const task of open) {
      expect(after.get(task.key)).toMatchObject({
        dueDate: addDays(task.dueDate as string, 14),
        version: task.version + 1,
        etag: `"v${task.version + 1}"`,
      });
    }
    // The hand-set date moved from where it was set, keeping its place in the plan.
    expect(after.get(handDated)!.dueDate).toBe(
      addDays(before.get(handDated)!.dueDate as string, 14),
    );
    for (const key of [done, skipped]) {
      expect(after.get(key)).toMatchObject({
        dueDate: before.get(key)!.dueDate,
        version: before.get(key)!.version,
      });
    }

    const written = (await events(engagement.id)).slice(eventsBefore);
    expect(written).toHaveLength(1 + open.length);
    expect(written[0]).toMatchObject({
      action: 'engagement.rescheduled',
      taskKey: null,
      reason: null,
      changes: {
        startDate: { from: '2026-03-02', to: '2026-03-16' },
        openTaskDueDates: { from: null, to: { moved: open.length, days: 14 } },
      },
    });
    expect(written.slice(1)).toEqual(
      open.map((task) =>
        expect.objectContaining({
          action: 'task.updated',
          taskKey: task.key,
          changes: {
            dueDate: { from: task.dueDate, to: addDays(task.dueDate as string, 14) },
          },
          reason: 'start date moved from 2 Mar 2026 to 16 Mar 2026',
        }),
      ),
    );
    // A task's own history explains its new date.
    const history = await t.http
      .get(`/api/v1/engagements/${engagement.id}/tasks/${handDated}/audit`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(history.body.items.at(-1)).toMatchObject({
      action: 'task.updated',
      changes: { dueDate: { to: after.get(handDated)!.dueDate } },
    });
    // The chain stays intact.
    const verify = await t.http
      .get(`/api/v1/engagements/${engagement.id}/audit/verify`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(verify.body.intact).toBe(true);
  });

  it('moves them earlier too, and records a reason when one is given', async () => {
    const { engagement } = await underWay();
    const res = await patch(engagement.id, {
      startDate: '2026-02-23',
      reason: 'The customer is ready early',
    }).expect(200);
    expect(res.body.startDate).toBe('2026-02-23');
    const before = byKey(engagement);
    for (const task of res.body.tasks as TaskBody[]) {
      const was = before.get(task.key)!.dueDate as string;
      const closed = ['DONE', 'NOT_APPLICABLE'].includes(task.status);
      expect(task.dueDate).toBe(closed ? was : addDays(was, -7));
    }
    const last = await events(engagement.id);
    const rescheduled = last.find((event) => event.action === 'engagement.rescheduled');
    expect(rescheduled).toMatchObject({
      reason: 'The customer is ready early',
      changes: { openTaskDueDates: { to: { days: -7 } } },
    });
    expect(last.at(-1)!.reason).toBe(
      'start date moved from 2 Mar 2026 to 23 Feb 2026: The customer is ready early',
    );
  });

  it('takes tasks off the overdue board and lists when the start moves later', async () => {
    const own = await createCustomer(t, 'Late Starter Ltd');
    const { id } = await createEngagement(t, own, { startDate: addDays(todayUtc(), -60) });
    const summary = async () =>
      (
        await t.http
          .get('/api/v1/reports/overdue/summary')
          .query({ customerId: own })
          .set('Authorization', t.admin)
          .expect(200)
      ).body.totalOverdue;
    expect(await summary()).toBeGreaterThan(0);

    const res = await patch(id, { startDate: todayUtc() }).expect(200);
    expect(res.body.overdueCount).toBe(0);
    expect(await summary()).toBe(0);
    const listed = await t.http
      .get('/api/v1/engagements')
      .query({ customerId: own, overdue: 'true' })
      .set('Authorization', t.admin)
      .expect(200);
    expect(listed.body.items).toEqual([]);
  });

  it('changes nothing when the start date is the one it has', async () => {
    const created = await createEngagement(t, customerId);
    const before = await snapshotDatabase(t);
    const res = await patch(created.id, { startDate: '2026-03-02' }, created.etag as string);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(created.version);
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('is for ADMIN and STAFF: a CUSTOMER gets 403 and nothing changes', async () => {
    const created = await createEngagement(t, customerId);
    const customerKey = await t.keyFor('CUSTOMER', customerId);
    const before = await snapshotDatabase(t);
    expectProblem(
      await patch(created.id, { startDate: '2026-03-09' }, undefined, customerKey),
      403,
    );
    expect(await snapshotDatabase(t)).toBe(before);

    const staffKey = await t.keyFor('STAFF');
    const res = await patch(created.id, { startDate: '2026-03-09' }, undefined, staffKey);
    expect(res.status).toBe(200);
    expect(res.body.startDate).toBe('2026-03-09');
  });

  it('refuses a cancelled engagement (409) and a completed one (409 naming startDate)', async () => {
    const cancelled = await createEngagement(t, customerId);
    await patch(cancelled.id, { status: 'CANCELLED', reason: 'Postponed' }).expect(200);
    const completed = await createEngagement(t, customerId);
    for (const task of completed.tasks) {
      await changeTask(completed.id, task, { status: 'NOT_APPLICABLE', reason: 'out of scope' });
    }
    expect((await read(completed.id)).status).toBe('COMPLETED');
    const before = await snapshotDatabase(t);

    const frozen = await patch(cancelled.id, { startDate: '2026-04-01' });
    expectProblem(frozen, 409);
    expect(frozen.body.currentStatus).toBe('CANCELLED');
    const finished = await patch(completed.id, { startDate: '2026-04-01' });
    expectProblem(finished, 409, 'startDate');
    expect(finished.body.currentStatus).toBe('COMPLETED');
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('refuses a date that is not one (400) or that pushes a due date out of range (422), naming startDate', async () => {
    const created = await createEngagement(t, customerId);
    const before = await snapshotDatabase(t);
    for (const startDate of [
      '2026-02-30',
      '2026-3-16',
      '16/03/2026',
      '1999-12-31',
      null,
      20260316,
    ]) {
      expectProblem(await patch(created.id, { startDate }), 400, 'startDate');
    }
    expectProblem(await patch(created.id, { startDate: '2099-12-31' }), 422, 'startDate');
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('still refuses a reason sent with nothing it could explain (422 naming reason)', async () => {
    const created = await createEngagement(t, customerId);
    expectProblem(await patch(created.id, { reason: 'Just because' }), 422, 'reason');
  });

  it('refuses a reason with the start it already has (422 naming reason), changing nothing', async () => {
    const created = await createEngagement(t, customerId);
    const alone = await patch(created.id, { reason: 'Just because' });
    const before = await snapshotDatabase(t);
    for (const body of [
      { startDate: created.startDate, reason: 'same start' },
      // A rename is no home for a reason either: its event records none.
      { startDate: created.startDate, name: 'Renamed', reason: 'same start' },
    ]) {
      const res = await patch(created.id, body);
      expectProblem(res, 422, 'reason');
      expect(res.body.errors).toEqual(alone.body.errors);
    }
    expect(await snapshotDatabase(t)).toBe(before);
    // Without the reason the unchanged start is accepted, and moves nothing.
    await patch(created.id, { startDate: created.startDate }).expect(200);
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('honours If-Match: a stale ETag is 412 and nothing moves', async () => {
    const created = await createEngagement(t, customerId);
    await patch(created.id, { name: 'Renamed meanwhile' }).expect(200);
    const before = await snapshotDatabase(t);
    const stale = await patch(created.id, { startDate: '2026-03-16' }, created.etag as string);
    expectProblem(stale, 412);
    expect(await snapshotDatabase(t)).toBe(before);
  });
});
