import { addDays, daysBetween, todayUtc } from '../src/common/domain/calendar-date';
import { createCustomer, createEngagement } from './helpers/engagement-api';
import { runEscalation } from './helpers/escalation-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * An engagement entered three months after it started is already past every level for most of
 * its tasks. It must not get the whole ladder (48 notifications for one engagement): each
 * overdue task is told once, at the level it is at.
 */
describe('escalation catch-up and runs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a back-dated engagement: one notification per overdue task, at its current level', async () => {
    const today = todayUtc();
    const engagement = await createEngagement(t, await createCustomer(t, 'Back-dated Co'), {
      startDate: addDays(today, -90),
    });
    const overdue = engagement.tasks.filter((task) => task.overdue);
    expect(overdue.length).toBeGreaterThan(3);

    const run = await runEscalation(t, {});
    expect(run).toMatchObject({ status: 'SUCCEEDED', asOf: today, notified: overdue.length });
    const rows = await t.prisma.notification.findMany({
      where: { engagementId: engagement.id },
      orderBy: { taskKey: 'asc' },
    });
    expect(rows).toHaveLength(overdue.length);
    for (const row of rows) {
      const task = overdue.find((candidate) => candidate.key === row.taskKey)!;
      const late = daysBetween(task.dueDate as string, today);
      const current = [1, 7, 14].filter((level) => late >= level).pop();
      expect({ task: row.taskKey, level: row.level }).toEqual({
        task: row.taskKey,
        level: current,
      });
    }
    // Nothing is replayed later either.
    expect(await runEscalation(t, {})).toMatchObject({ notified: 0 });
  });

  it('a run cut off by a dead instance is reported FAILED and frees the slot', async () => {
    const stale = await t.prisma.escalationRun.create({
      data: {
        id: '11111111-1111-4111-8111-111111111111',
        status: 'RUNNING',
        asOf: new Date('2026-11-01T00:00:00Z'),
        dryRun: false,
        requestedBy: 'gone',
        heartbeatAt: new Date(Date.now() - 10 * 60_000),
      },
    });
    const read = await t.http
      .get(`/api/v1/escalations/runs/${stale.id}`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(read.body).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/cut off/) });
    expect(await runEscalation(t, { dryRun: true })).toMatchObject({ status: 'SUCCEEDED' });
  });
});
