import { addDays } from '../src/common/domain/calendar-date';
import { EscalationService } from '../src/escalation/escalation.service';
import {
  createCustomer,
  createEngagement,
  patchEngagement,
  tasksUrl,
  TaskBody,
} from './helpers/engagement-api';
import { seedEngagement } from './helpers/escalation-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * A notification is once per task, due date and level. A customer who agreed a new date and
 * misses it again is chased again — whether the task was re-dated by hand or moved with its
 * engagement's start — and what was sent about the old date stays.
 */
describe('escalation after a due date moves', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** The scheduled evaluation as of a day (the clock of these tests), for one engagement only. */
  const run = async (asOf: string, engagementId: string) =>
    (await t.app.get(EscalationService).run(asOf)).created.filter(
      (c) => c.engagementId === engagementId,
    );
  /** Every notification about one task, oldest first, as `dueDate@level`. */
  const notified = async (taskId: string) =>
    (
      await t.prisma.notification.findMany({
        where: { taskId },
        orderBy: [{ createdAt: 'asc' }, { level: 'asc' }],
      })
    ).map((n) => `${n.dueDate.toISOString().slice(0, 10)}@${n.level}`);
  const task = async (engagementId: string, key: string): Promise<TaskBody> =>
    (await t.http.get(tasksUrl(engagementId, key)).set('Authorization', t.admin).expect(200)).body;
  /** PATCH the task's due date through the API, as a person re-dating it would. */
  const redate = async (engagementId: string, key: string, dueDate: string) => {
    const current = await task(engagementId, key);
    await t.http
      .patch(tasksUrl(engagementId, key))
      .set('Authorization', t.admin)
      .set('If-Match', current.etag)
      .send({ dueDate })
      .expect(200);
  };
  /** Two instances' scheduled evaluations and a third run, racing: what they created together. */
  const race = async (asOf: string, engagementId: string) => {
    const other = await t.anotherInstance();
    try {
      const results = await Promise.all([
        t.app.get(EscalationService).run(asOf),
        other.get(EscalationService).run(asOf),
        t.app.get(EscalationService).run(asOf),
      ]);
      return results
        .flatMap((r) => r.created)
        .filter((c) => c.engagementId === engagementId)
        .map((c) => `${c.taskKey}@${c.level}`);
    } finally {
      await other.close();
    }
  };

  it('re-dated by hand: late again against the new date, level 1 is sent again, once', async () => {
    const seeded = await seedEngagement(t.prisma, {
      customerName: 'Re-dated Co',
      contacts: [{ party: 'Customer', name: 'Carl', email: 'carl@redated.example', primary: true }],
      tasks: [
        { key: 'network', dueDate: '2026-11-20', raci: { accountable: [{ party: 'Customer' }] } },
      ],
    });
    const { engagementId } = seeded;
    const taskId = seeded.taskIds['network'];
    expect((await run('2026-11-21', engagementId)).map((c) => c.level)).toEqual([1]);

    // The customer agrees a new date: nothing while it is not late against it.
    await redate(engagementId, 'network', '2026-12-01');
    expect(await run('2026-11-25', engagementId)).toEqual([]);
    expect(await run('2026-12-01', engagementId)).toEqual([]);

    // Missed again: level 1 about the new date, exactly once however many runs race.
    expect(await race('2026-12-02', engagementId)).toEqual(['network@1']);
    expect(await run('2026-12-02', engagementId)).toEqual([]);
    // What was sent about the old date stays.
    expect(await notified(taskId)).toEqual(['2026-11-20@1', '2026-12-01@1']);
    const latest = await t.prisma.notification.findFirstOrThrow({
      where: { taskId, dueDate: new Date('2026-12-01T00:00:00Z') },
    });
    expect(latest.payload).toMatchObject({
      level: 1,
      daysOverdue: 1,
      asOf: '2026-12-02',
      task: { dueDate: '2026-12-01' },
    });
    const audit = await t.prisma.auditEvent.count({
      where: { engagementId, action: 'notification.created' },
    });
    expect(audit).toBe(2);

    // The list says which due date each was about.
    const listed = await t.http
      .get(`/api/v1/notifications?engagementId=${engagementId}`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(
      listed.body.items.map((n: { dueDate: string; level: number }) => `${n.dueDate}@${n.level}`),
    ).toEqual(['2026-12-01@1', '2026-11-20@1']);

    // The ladder goes on against the new date: level 7 a week after it.
    expect((await run('2026-12-08', engagementId)).map((c) => c.level)).toEqual([7]);
  });

  it('moved with its engagement start: late against its new date, told again, once', async () => {
    const engagement = await createEngagement(t, await createCustomer(t, 'Slipped Co'), {
      startDate: '2026-03-02',
    });
    const first = [...engagement.tasks].sort((a, b) =>
      (a.dueDate as string).localeCompare(b.dueDate as string),
    )[0];
    const due = first.dueDate as string;
    const keys = (created: { taskKey: string }[]) => created.map((c) => c.taskKey);
    expect(keys(await run(addDays(due, 1), engagement.id))).toContain(first.key);

    // The start moves four weeks later, and the task's due date with it.
    await patchEngagement(t, engagement.id, { startDate: '2026-03-30' }).expect(200);
    const moved = await task(engagement.id, first.key);
    expect(moved.dueDate).toBe(addDays(due, 28));
    expect(keys(await run(addDays(due, 28), engagement.id))).not.toContain(first.key);

    const again = await race(addDays(due, 29), engagement.id);
    expect(again.filter((n) => n.startsWith(`${first.key}@`))).toEqual([`${first.key}@1`]);
    const taskId = (
      await t.prisma.task.findFirstOrThrow({
        where: { engagementId: engagement.id, key: first.key },
      })
    ).id;
    expect(await notified(taskId)).toEqual([`${due}@1`, `${addDays(due, 28)}@1`]);
  });

  it('re-dated while still late: its current level for the new date only, not the ladder', async () => {
    const seeded = await seedEngagement(t.prisma, {
      customerName: 'Still Late Ltd',
      tasks: [{ key: 'dns', dueDate: '2026-11-01', raci: { accountable: [{ party: 'WSO2' }] } }],
    });
    const { engagementId } = seeded;
    const taskId = seeded.taskIds['dns'];
    const asOf = '2026-11-25';
    expect((await run(asOf, engagementId)).map((c) => c.level)).toEqual([14]);

    // To a later date, still past: 5 days late against it — level 1, though 14 was sent before.
    await redate(engagementId, 'dns', '2026-11-20');
    expect(await race(asOf, engagementId)).toEqual(['dns@1']);

    // To an earlier date: 36 days late against it — level 14 only, not 1 and 7 first.
    await redate(engagementId, 'dns', '2026-10-20');
    expect(await race(asOf, engagementId)).toEqual(['dns@14']);

    // Back to a date already told about at its level: nothing more.
    await redate(engagementId, 'dns', '2026-11-01');
    expect(await run(asOf, engagementId)).toEqual([]);
    expect(await notified(taskId)).toEqual(['2026-11-01@14', '2026-11-20@1', '2026-10-20@14']);
  });
});
