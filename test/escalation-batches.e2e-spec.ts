import { addDays, todayUtc } from '../src/common/domain/calendar-date';
import { EscalationService } from '../src/escalation/escalation.service';
import { seedEngagement } from './helpers/escalation-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

const ENGAGEMENTS = 70;
const TASKS_EACH = 30; // 2,100 overdue tasks: more than one page read, and several write batches

/**
 * Escalation writes its decisions a batch at a time. Across batches, and with evaluations of two
 * instances racing over the same tasks, every overdue task still gets exactly one notification at
 * its current level and exactly one audit event, and every engagement's audit chain stays intact.
 */
describe('escalation in batches', () => {
  let t: TestApp;
  const asOf = todayUtc();
  const engagementIds: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    for (let e = 0; e < ENGAGEMENTS; e++) {
      const seeded = await seedEngagement(t.prisma, {
        customerName: `Batch customer ${e % 7}`,
        contacts: [{ party: 'WSO2', name: 'Wanda', email: 'wanda@wso2.com', primary: true }],
        tasks: Array.from({ length: TASKS_EACH }, (_, i) => ({
          key: `task-${i}`,
          // 1 to 20 days late: levels 1, 7 and 14 all occur.
          dueDate: addDays(asOf, -(1 + ((e + i) % 20))),
          raci: { accountable: [{ party: i % 3 ? 'WSO2' : 'Customer' }] },
        })),
      });
      engagementIds.push(seeded.engagementId);
    }
  });
  afterAll(() => t.close());

  it('notifies each of 2,100 overdue tasks once, with one audit event, when two instances race', async () => {
    const other = await t.anotherInstance();
    let results;
    try {
      results = await Promise.all([
        t.app.get(EscalationService).run(asOf),
        other.get(EscalationService).run(asOf),
        t.app.get(EscalationService).run(asOf),
      ]);
    } finally {
      await other.close();
    }
    const total = ENGAGEMENTS * TASKS_EACH;
    for (const result of results) expect(result.evaluated).toBe(total);
    expect(results.reduce((sum, r) => sum + r.created.length, 0)).toBe(total);

    const perTask = await t.prisma.$queryRaw<{ tasks: number; notifications: number }[]>`
      SELECT count(DISTINCT task_id)::int AS tasks, count(*)::int AS notifications FROM notification`;
    expect(perTask[0]).toEqual({ tasks: total, notifications: total });
    const events = await t.prisma.auditEvent.count({ where: { action: 'notification.created' } });
    expect(events).toBe(total);
    const levels = await t.prisma.$queryRaw<{ level: number; n: number }[]>`
      SELECT level, count(*)::int AS n FROM notification GROUP BY level ORDER BY level`;
    expect(levels.map((l) => l.level)).toEqual([1, 7, 14]);

    for (const id of engagementIds.slice(0, 5)) {
      const verified = await t.http
        .get(`/api/v1/engagements/${id}/audit/verify`)
        .set('Authorization', t.admin)
        .expect(200);
      expect(verified.body).toMatchObject({ intact: true, events: TASKS_EACH });
    }
  });

  it('writes nothing more on the next run', async () => {
    const again = await t.app.get(EscalationService).run(asOf);
    expect(again.created).toEqual([]);
    expect(await t.prisma.notification.count()).toBe(ENGAGEMENTS * TASKS_EACH);
  });
});
