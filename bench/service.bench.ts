/**
 * `npm run bench`: the service under a realistic volume, through HTTP, each figure beside the same
 * work done directly with node-postgres in the same run (issue #14).
 *
 * Starts a scratch PostgreSQL (embedded, in a temp dir on a free port, with pg_stat_statements;
 * or, when DATABASE_URL is set, a new throw-away database on that server — never the database it
 * names), migrates it, seeds 10,000 engagements / 160,000 tasks, starts the built service in its
 * own process as the least-privilege runtime role (as in production, so the HTTP client here does
 * not share its CPU), then measures: the overdue report and board, the overdue page's time to
 * interactive in Chromium (overdue-page.bench.ts), authentication, task writes, engagement
 * creation, escalation catch-up, and the service's memory throughout. `npm run bench` builds the service and the web
 * app first (prebench). Read-only rows run first, since the
 * writes change the data. Exits non-zero when a target is missed.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { todayUtc } from '../src/common/domain/calendar-date';
import { buildOverdueQuery } from '../src/reports/overdue.report';
import type { BenchContext } from './lib/context';
import { CpuMeter, loadAverage, log, mib, ms, processTreeCpuMs, RssWatch } from './lib/measure';
import { onServer, startScratchDatabase } from './lib/scratch';
import { httpClient, startService, type RunningService } from './lib/service';
import { printVerdicts, type Verdict } from './lib/verdict';
import { benchOverduePage } from './overdue-page.bench';
import { BENCH_SCALE, seedBenchData } from './overdue-seed';
import { authRows } from './rows/auth';
import { createEngagementRows } from './rows/create-engagement';
import { escalationRows } from './rows/escalation';
import { reportRows } from './rows/reports';
import { taskWriteRows } from './rows/task-writes';

const MEMORY_LIMIT_BYTES = 300 * 1024 * 1024;
/** BENCH_ONLY=report,page,auth,tasks,create,escalation: run only those groups. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
/** BENCH_CPU_PROF=<dir>: the service writes a V8 CPU profile there when it stops. */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;
/** BENCH_NODE_OPTIONS="--flag …": extra Node/V8 options for the service (to try settings). */
const NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS?.split(/\s+/).filter(Boolean) ?? [];
const ADMIN_EMAIL = 'bench.admin@example.test';

async function seed(ownerUrl: string): Promise<void> {
  const t = performance.now();
  await onServer(ownerUrl, seedBenchData);
  const counts = await onServer(ownerUrl, async (c) => {
    const asOf = todayUtc();
    const { rows } = await c.query(
      `SELECT (SELECT count(*) FROM customer)::int AS customers,
              (SELECT count(*) FROM engagement)::int AS engagements,
              (SELECT count(*) FROM task)::int AS tasks,
              (SELECT count(*) FROM engagement_contact)::int AS contacts,
              (SELECT count(*) FROM (${buildOverdueQuery({ asOf }).text}) r)::int AS overdue`,
      [asOf],
    );
    return rows[0] as Record<string, number>;
  });
  log(
    `Seeded in ${ms(performance.now() - t)}: ${counts.customers} customers, ` +
      `${counts.engagements} engagements, ${counts.tasks} tasks, ${counts.contacts} contacts; ` +
      `${counts.overdue} tasks overdue today (${((100 * counts.overdue) / counts.tasks).toFixed(1)} %)`,
  );
  if (counts.tasks !== BENCH_SCALE.engagements * BENCH_SCALE.tasksPerEngagement) {
    throw new Error(`expected ${BENCH_SCALE.engagements * 16} tasks, seeded ${counts.tasks}`);
  }
}

/** Signs the bootstrap ADMIN person in; the headers a browser would then send. */
async function signIn(ctx: Pick<BenchContext, 'send'>, password: string) {
  const res = await ctx.send('POST', '/auth/login', {}, { email: ADMIN_EMAIL, password });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${res.body}`);
  const cookies = Object.fromEntries(
    ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((line) => {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      return [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1))];
    }),
  );
  return {
    token: cookies.ot_session,
    headers: {
      Cookie: `ot_session=${cookies.ot_session}; ot_csrf=${cookies.ot_csrf}`,
      'X-CSRF-Token': cookies.ot_csrf,
    },
  };
}

async function main(): Promise<number> {
  const began = performance.now();
  log(`Start: ${loadAverage()}; the service and this bench run on Node ${process.versions.node}`);
  const scratch = await startScratchDatabase();
  let service: RunningService | undefined;
  let pool: Pool | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await pool?.end();
      await service?.stop();
      await scratch.cleanup();
    })());
  const onSignal = () => {
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log(`Database: ${scratch.describe}`);
    if (scratch.statStatementsMissing) log(`  (${scratch.statStatementsMissing}: skipped)`);
    await seed(scratch.ownerUrl);

    const adminKey = `otk_bench_${randomBytes(24).toString('hex')}`;
    const password = `Seeded-load-${randomBytes(12).toString('hex')}`;
    service = await startService(
      [
        ...NODE_OPTIONS,
        ...(CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : []),
      ],
      {
        DATABASE_URL: scratch.appUrl,
        MIGRATION_DATABASE_URL: scratch.ownerUrl,
        BOOTSTRAP_ADMIN_KEY: adminKey,
        BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
        BOOTSTRAP_ADMIN_PASSWORD: password,
      },
    );
    const memory = new RssWatch(service.pid);
    const servicePid = service.pid;
    const send = httpClient(service.baseUrl);
    pool = new Pool({ connectionString: scratch.appUrl, max: 8 });
    const session = await signIn({ send }, password);
    const ctx: BenchContext = {
      scratch,
      send,
      key: { Authorization: `Bearer ${adminKey}` },
      session: session.headers,
      cpu: new CpuMeter(() => processTreeCpuMs(servicePid), scratch.serverCpuMs),
      pool,
      asOf: todayUtc(),
    };
    log();

    const verdicts: Verdict[] = [];
    const section = async (name: string, title: string, rows: () => Promise<Verdict[]>) => {
      if (ONLY && !ONLY.includes(name)) return;
      log(`== ${title} (${loadAverage()})`);
      const t = performance.now();
      verdicts.push(...(await rows()));
      log(
        `   ${title} took ${ms(performance.now() - t)}; service RSS peak so far ${mib(memory.peak)}`,
      );
      log();
    };
    await section('report', 'Overdue report and board', () => reportRows(ctx));
    await section('page', 'Overdue page in a browser', async () => {
      const [label, pass] = await benchOverduePage(scratch.ownerUrl, log);
      const p95 = /p95 (\S+ ms)/.exec(label)?.[1] ?? label;
      const target = /< (\S+ ms)/.exec(label)?.[1] ?? '';
      return [
        {
          name: 'overdue page time to interactive p95',
          figure: p95,
          baseline: 'n/a',
          comparison: '',
          target: `< ${target}`,
          pass,
        },
      ];
    });
    await section('auth', 'Authentication', () =>
      authRows(ctx, { key: adminKey, sessionToken: session.token }),
    );
    await section('tasks', 'Task writes', () => taskWriteRows(ctx));
    await section('create', 'Create engagement', () => createEngagementRows(ctx));
    await section('escalation', 'Escalation catch-up', () => escalationRows(ctx));

    memory.sample();
    memory.stop();
    verdicts.push({
      name: 'service memory, whole bench',
      figure: `peak RSS ${mib(memory.peak)}`,
      baseline: 'n/a',
      comparison: '',
      target: `< ${mib(MEMORY_LIMIT_BYTES)}`,
      pass: memory.peak > 0 && memory.peak < MEMORY_LIMIT_BYTES,
    });

    log(
      `End: ${loadAverage()} (wall times include other work on the machine; ratios much less so)`,
    );
    log();
    if (ONLY) log(`Partial run (BENCH_ONLY=${ONLY.join(',')}): not a verdict on every target.`);
    printVerdicts(verdicts);
    log(`Total bench time ${ms(performance.now() - began)}`);
    return verdicts.every((v) => v.pass) ? 0 : 1;
  } finally {
    await stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
