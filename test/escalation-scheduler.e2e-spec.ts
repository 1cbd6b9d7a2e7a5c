import { addDays, todayUtc } from '../src/common/domain/calendar-date';
import { EVALUATION_QUEUE } from '../src/escalation/escalation-scheduler.service';
import { seedEngagement } from './helpers/escalation-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

const CRON = '*/5 * * * *';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(200);
  }
}

describe('escalation: pg-boss schedule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ESCALATION_ENABLED: 'true', ESCALATION_CRON: CRON });
  });
  afterAll(() => t.close());

  const pgBossConnections = async () => {
    const [{ count }] = await t.prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'onboarding-tracker:pg-boss'`;
    return count;
  };

  it('registers the cron schedule and runs an evaluation at start-up', async () => {
    const schedules = await t.prisma.$queryRaw<{ name: string; cron: string; timezone: string }[]>`
      SELECT name, cron, timezone FROM pgboss.schedule`;
    expect(schedules).toEqual([{ name: EVALUATION_QUEUE, cron: CRON, timezone: 'UTC' }]);
    const state = await waitFor(async () => {
      const rows = await t.prisma.$queryRaw<{ state: string; output: unknown }[]>`
        SELECT state::text, output FROM pgboss.job WHERE name = ${EVALUATION_QUEUE}`;
      return rows.find((r) => r.state === 'completed');
    });
    expect(state.output).toEqual({ asOf: todayUtc(), evaluated: 0, created: 0 });
    expect(await pgBossConnections()).toBeGreaterThan(0);
  });

  it('evaluates overdue tasks when another instance starts, and stops cleanly', async () => {
    const seeded = await seedEngagement(t.prisma, {
      customerName: 'Acme',
      tasks: [
        {
          key: 'late',
          dueDate: addDays(todayUtc(), -3),
          raci: { accountable: [{ party: 'WSO2' }] },
        },
      ],
    });
    const second = await t.anotherInstance();
    try {
      const row = await waitFor(() =>
        t.prisma.notification
          .findFirst({ where: { engagementId: seeded.engagementId } })
          .then((n) => n ?? undefined),
      );
      expect(row).toMatchObject({ taskKey: 'late', level: 1, daysOverdue: 3, status: 'RECORDED' });
    } finally {
      const started = Date.now();
      await second.close();
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    // Both instances share one schedule row.
    const [{ count }] = await t.prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM pgboss.schedule`;
    expect(count).toBe(1);
  });

  it('closes pg-boss with the application', async () => {
    await t.app.close();
    const { Client } = await import('pg');
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS count FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'onboarding-tracker:pg-boss'`,
      );
      expect(rows[0].count).toBe(0);
    } finally {
      await client.end();
    }
  });
});
