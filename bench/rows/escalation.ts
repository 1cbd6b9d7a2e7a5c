/**
 * Escalation catch-up: 10,000 tasks become overdue at once (their due dates moved three days
 * back, as after a long outage) and one run must notify each — notification rows and their audit
 * events — in under 10 s, exactly once per task and level. The baseline is node-postgres writing
 * the same number of notification and audit rows for the same tasks straight from SQL, in batches
 * (at a level no rule uses, after the service's run).
 */
import { todayUtc } from '../../src/common/domain/calendar-date';
import type { BenchContext } from '../lib/context';
import { log, ms } from '../lib/measure';
import { onServer } from '../lib/scratch';
import type { Verdict } from '../lib/verdict';

const TASKS = 10_000;
const TARGET_MS = 10_000;
const BASELINE_BATCH = 1_000;
const BASELINE_LEVEL = 1_000_000;

const OVERDUE_WITHOUT_NOTIFICATION = `
  FROM task t JOIN engagement e ON e.id = t.engagement_id
 WHERE e.status = 'ACTIVE' AND t.status NOT IN ('DONE', 'NOT_APPLICABLE')
   AND t.due_date < current_date
   AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.task_id = t.id)`;

/** Makes open future tasks overdue until TASKS overdue tasks have never been notified. */
async function makeOverdue(ownerUrl: string): Promise<number> {
  return onServer(ownerUrl, async (c) => {
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n ${OVERDUE_WITHOUT_NOTIFICATION}`,
    );
    const missing = Math.max(0, TASKS - rows[0].n);
    await c.query(
      `UPDATE task SET due_date = current_date - 3
        WHERE id IN (SELECT t.id FROM task t JOIN engagement e ON e.id = t.engagement_id
                      WHERE e.status = 'ACTIVE' AND t.status NOT IN ('DONE', 'NOT_APPLICABLE')
                        AND t.due_date >= current_date
                      ORDER BY t.id LIMIT $1)`,
      [missing],
    );
    return (
      await c.query<{ n: number }>(`SELECT count(*)::int AS n ${OVERDUE_WITHOUT_NOTIFICATION}`)
    ).rows[0].n;
  });
}

interface RunTimes {
  requestedAt?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
}

/** Starts a run and waits for it: answered at once (a job, 202 + Location) or when done. */
async function runEscalation(ctx: BenchContext): Promise<RunTimes> {
  const started = await ctx.send('POST', '/api/v1/escalations/run', ctx.key, { asOf: todayUtc() });
  if (started.status === 200) return {};
  const location = started.headers.location;
  if (started.status !== 202 || !location) {
    throw new Error(`POST /escalations/run answered ${started.status}: ${started.body}`);
  }
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const run = (await ctx.send('GET', location, ctx.key)).json<
      RunTimes & { status: string; error?: string }
    >();
    if (run.status === 'SUCCEEDED') return run;
    if (run.status === 'FAILED') throw new Error(`the escalation run failed: ${run.error}`);
  }
}

export async function escalationRows(ctx: BenchContext): Promise<Verdict[]> {
  const { pool, scratch } = ctx;
  const overdue = await makeOverdue(scratch.ownerUrl);
  const before = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM notification'))
    .rows[0].n;
  const runStart = new Date();
  const t0 = performance.now();
  const times = await runEscalation(ctx);
  const serviceMs = performance.now() - t0;
  const at = (instant: string | null | undefined) => (instant ? Date.parse(instant) : NaN);
  const queuedMs = at(times.startedAt) - at(times.requestedAt);
  const runMs = at(times.finishedAt) - at(times.startedAt);
  const { rows: written } = await pool.query<{
    notifications: number;
    tasks: number;
    audits: number;
    twice: number;
  }>(
    `SELECT (SELECT count(*)::int FROM notification) - $1 AS notifications,
            (SELECT count(DISTINCT task_id)::int FROM notification WHERE created_at >= $2) AS tasks,
            (SELECT count(*)::int FROM audit_event
              WHERE action = 'notification.created' AND at >= $2) AS audits,
            (SELECT count(*)::int FROM (SELECT 1 FROM notification
                                        GROUP BY task_id, due_date, level
                                        HAVING count(*) > 1) d) AS twice`,
    [before, runStart],
  );
  const result = written[0];

  // The baseline: the same rows for the same tasks, written by SQL alone.
  const taskIds = (
    await pool.query<{ id: string }>(
      'SELECT DISTINCT task_id::text AS id FROM notification WHERE created_at >= $1',
      [runStart],
    )
  ).rows.map((row) => row.id);
  const t1 = performance.now();
  for (let i = 0; i < taskIds.length; i += BASELINE_BATCH) {
    await pool.query(
      `WITH n AS (
         INSERT INTO notification (id, task_id, engagement_id, task_key, due_date, level,
                                   days_overdue, recipients, payload, status, next_attempt_at,
                                   created_at)
         SELECT gen_random_uuid(), t.id, t.engagement_id, t.key, t.due_date, $2,
                current_date - t.due_date,
                '[]'::jsonb, jsonb_build_object('task', t.key), 'RECORDED', now(), now()
           FROM task t WHERE t.id = ANY($1::uuid[])
         RETURNING engagement_id, task_key, days_overdue
       )
       INSERT INTO audit_event (actor_kind, actor_id, actor_name, actor_email, action,
                                engagement_id, task_key, changes, reason, request_id)
       SELECT 'system', NULL, 'system:escalation', NULL, 'notification.created', engagement_id,
              task_key, jsonb_build_object('level', jsonb_build_object('from', NULL, 'to', $2::int)),
              days_overdue || ' day(s) overdue', NULL
         FROM n`,
      [taskIds.slice(i, i + BASELINE_BATCH), BASELINE_LEVEL],
    );
  }
  const baselineMs = performance.now() - t1;

  log(
    `Escalation catch-up: ${overdue} overdue tasks never notified; one run wrote ` +
      `${result.notifications} notifications for ${result.tasks} tasks and ${result.audits} ` +
      `audit events in ${ms(serviceMs)} (${((1000 * result.notifications) / serviceMs).toFixed(0)}/s); ` +
      `${result.twice} task/level notified twice` +
      (Number.isNaN(runMs) ? '' : ` (queued ${ms(queuedMs)}, ran ${ms(runMs)})`),
  );
  log(
    `  node-postgres, the same ${taskIds.length} notifications and audit events in batches of ` +
      `${BASELINE_BATCH}: ${ms(baselineMs)}`,
  );
  log();
  return [
    {
      name: `escalation catch-up, ${overdue} tasks`,
      figure: ms(serviceMs),
      baseline: `node-postgres ${ms(baselineMs)}`,
      comparison: `${(serviceMs / baselineMs).toFixed(1)}x; ${result.twice} duplicates`,
      target: `< ${TARGET_MS / 1000} s, once per task and level`,
      pass: serviceMs < TARGET_MS && result.twice === 0 && result.tasks >= Math.min(overdue, TASKS),
    },
  ];
}
