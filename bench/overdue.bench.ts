/**
 * `npm run bench`: the overdue report under a realistic volume, through HTTP.
 *
 * Starts a scratch PostgreSQL (embedded, in a temp dir on a free port; or, when DATABASE_URL is
 * set, a new throw-away database on that server — never the database it names), migrates it,
 * seeds 10,000 engagements / 160,000 tasks, starts the real service in its own process (as it runs
 * in production, so the HTTP client here does not share its CPU) and times the report, the overdue
 * board (summary and first page of items) and, for information, the engagement list.
 * Prints p50/p95/max latencies, response sizes, memory and the query plans, then the overdue
 * page's time to interactive in Chromium (overdue-page.bench.ts); exits non-zero when a target is
 * missed.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { todayUtc } from '../src/common/domain/calendar-date';
import { startEmbeddedDatabase } from '../src/database/embedded-database';
import { migrate } from '../src/database/migrator';
import {
  buildOverdueItemsQuery,
  buildOverdueSummaryQuery,
} from '../src/reports/overdue-board.report';
import { buildOverdueQuery, OverdueFilters, SqlQuery } from '../src/reports/overdue.report';
import { benchOverduePage } from './overdue-page.bench';
import { BENCH_SCALE, seedBenchData } from './overdue-seed';

const ROOT = path.resolve(__dirname, '..');
const TARGETS = { fullP95Ms: 150, customerP95Ms: 20, boardP95Ms: 40 };
const RUNS = { warmUp: 10, full: 50, customer: 100, board: 100, list: 20 };

interface Scratch {
  url: string;
  describe: string;
  /** CPU time used so far by the server's processes (ms), when they run on this machine. */
  serverCpuMs?: () => number | undefined;
  cleanup(): Promise<void>;
}

function log(message = ''): void {
  process.stdout.write(`${message}\n`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function startScratchDatabase(): Promise<Scratch> {
  const name = `ot_bench_${randomBytes(5).toString('hex')}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    const admin = withDatabase(given, 'postgres');
    await onServer(admin, (c) => c.query(`CREATE DATABASE "${name}"`));
    const url = withDatabase(given, name);
    return {
      url,
      describe: `scratch database ${name} on ${new URL(given).host} (DATABASE_URL's server)`,
      cleanup: async () => {
        await onServer(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onboarding-tracker-bench-'));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  try {
    const db = await startEmbeddedDatabase({ dir: path.join(dir, 'pg'), port });
    await db.createDatabaseIfMissing(name);
    const postmasterPid = Number(
      fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    return {
      url: db.url(name),
      describe: `embedded PostgreSQL on 127.0.0.1:${port}, data in ${dir}`,
      serverCpuMs: () => processTreeCpuMs(postmasterPid),
      cleanup: async () => {
        await db.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (ms) of a process tree read from /proc; undefined where there is no /proc. */
function processTreeCpuMs(rootPid: number): number | undefined {
  try {
    const stats = fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map((pid) => {
        try {
          const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
          return {
            pid: Number(pid),
            ppid: Number(fields[1]),
            cpu: Number(fields[11]) + Number(fields[12]),
          };
        } catch {
          return undefined;
        }
      })
      .filter((s) => s !== undefined);
    const tree = new Set([rootPid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of stats) {
        if (!tree.has(s.pid) && tree.has(s.ppid)) {
          tree.add(s.pid);
          grew = true;
        }
      }
    }
    return stats.filter((s) => tree.has(s.pid)).reduce((sum, s) => sum + s.cpu, 0) * CLOCK_TICK_MS;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process, from /proc (undefined elsewhere). */
function residentMemory(pid: number): string | undefined {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? mib(Number(line[1]) * 1024) : undefined;
  } catch {
    return undefined;
  }
}

async function waitForReady(url: string, gone: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (gone()) throw new Error('the service exited during start-up');
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the service did not become ready in time');
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

interface Timing {
  p50: number;
  p95: number;
  max: number;
  bytes: number[];
  statuses: Set<number>;
  /** Mean CPU per call of the service's process and of PostgreSQL. */
  appCpuMs: number | undefined;
  dbCpuMs: number | undefined;
}

async function timeCalls(
  urls: string[],
  headers: Record<string, string>,
  serverCpuMs: () => number | undefined = () => undefined,
  appCpuMs: () => number | undefined = () => undefined,
): Promise<Timing> {
  const times: number[] = [];
  const bytes: number[] = [];
  const statuses = new Set<number>();
  const appBefore = appCpuMs();
  const dbBefore = serverCpuMs();
  for (const url of urls) {
    const start = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    times.push(performance.now() - start);
    bytes.push(body.byteLength);
    statuses.add(res.status);
  }
  const appAfter = appCpuMs();
  const dbAfter = serverCpuMs();
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times[times.length - 1],
    bytes,
    statuses,
    appCpuMs:
      appBefore === undefined || appAfter === undefined
        ? undefined
        : (appAfter - appBefore) / urls.length,
    dbCpuMs:
      dbBefore === undefined || dbAfter === undefined
        ? undefined
        : (dbAfter - dbBefore) / urls.length,
  };
}

/**
 * Wall time of each board load: the summary and the first page of items, one after the other (the
 * target's measure), or both at once, as a browser fetches them.
 */
async function timeBoardLoads(
  summaryUrl: string,
  itemsUrl: string,
  headers: Record<string, string>,
  runs: number,
  together = false,
): Promise<{ p50: number; p95: number; max: number }> {
  const load = async (url: string) => {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    if (together) {
      await Promise.all([load(summaryUrl), load(itemsUrl)]);
    } else {
      await load(summaryUrl);
      await load(itemsUrl);
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kib = (value: number) => `${(value / 1024).toFixed(1)} KiB`;
const mib = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MiB`;

async function explain(url: string, query: OverdueFilters | SqlQuery): Promise<string> {
  const { text, values } = 'text' in query ? query : buildOverdueQuery(query);
  return onServer(url, async (client) => {
    const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    return result.rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n');
  });
}

async function main(): Promise<number> {
  const began = performance.now();
  const scratch = await startScratchDatabase();
  let closeApp: (() => Promise<void>) | undefined;
  const stop = async () => {
    await closeApp?.();
    await scratch.cleanup();
  };
  const onSignal = () => {
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log(`Database: ${scratch.describe}`);
    await migrate(scratch.url);

    let t = performance.now();
    await onServer(scratch.url, seedBenchData);
    const counts = await onServer(scratch.url, async (c) => {
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

    const adminKey = `otk_bench_${randomBytes(24).toString('hex')}`;
    const port = await freePort();
    const service = spawn(
      process.execPath,
      // The built service (`npm run bench` builds first; src/main.ts loads ./service.js, which only
      // the build has), with the same V8 setting as `npm start` and the Docker image.
      ['--max-semi-space-size=64', path.join(ROOT, 'dist', 'main.js')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: scratch.url,
          HOST: '127.0.0.1',
          PORT: String(port),
          MIGRATE_ON_START: 'false',
          LOG_LEVEL: 'warn',
          BOOTSTRAP_ADMIN_KEY: adminKey,
          ESCALATION_ENABLED: 'false',
          RATE_LIMIT_PER_MINUTE: '1000000',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const exited = once(service, 'exit');
    closeApp = async () => {
      if (service.exitCode === null) {
        service.kill('SIGTERM');
        await exited;
      }
    };
    await waitForReady(`http://127.0.0.1:${port}/health/ready`, () => service.exitCode !== null);
    const appCpuMs = () => processTreeCpuMs(service.pid!);
    const base = `http://127.0.0.1:${port}/api/v1/reports/overdue`;
    const headers = { Authorization: `Bearer ${adminKey}` };

    const asOf = todayUtc();
    const customerIds = await onServer(scratch.url, async (c) =>
      (await c.query('SELECT id::text FROM customer ORDER BY name')).rows.map((r) => r.id),
    );
    const fullUrl = `${base}?asOf=${asOf}`;
    const customerUrl = (i: number) =>
      `${base}?asOf=${asOf}&customerId=${customerIds[(i * 37) % customerIds.length]}`;

    t = performance.now();
    await timeCalls(
      [
        ...Array.from({ length: RUNS.warmUp }, () => fullUrl),
        ...Array.from({ length: RUNS.warmUp }, (_, i) => customerUrl(i + 1000)),
      ],
      headers,
    );
    const full = await timeCalls(
      Array.from({ length: RUNS.full }, () => fullUrl),
      headers,
      scratch.serverCpuMs,
      appCpuMs,
    );
    const customer = await timeCalls(
      Array.from({ length: RUNS.customer }, (_, i) => customerUrl(i)),
      headers,
      scratch.serverCpuMs,
      appCpuMs,
    );
    const csv = await timeCalls(
      Array.from({ length: 10 }, () => fullUrl),
      { ...headers, Accept: 'text/csv' },
      scratch.serverCpuMs,
      appCpuMs,
    );
    // The overdue board: summary and the first page of items, instead of the whole report.
    const summaryUrl = `${base}/summary?asOf=${asOf}`;
    const itemsUrl = `${base}/items?asOf=${asOf}`;
    await timeCalls(
      Array.from({ length: RUNS.warmUp }, (_, i) => (i % 2 ? summaryUrl : itemsUrl)),
      headers,
    );
    const summary = await timeCalls(
      Array.from({ length: RUNS.board }, () => summaryUrl),
      headers,
      scratch.serverCpuMs,
      appCpuMs,
    );
    const firstPage = await timeCalls(
      Array.from({ length: RUNS.board }, () => itemsUrl),
      headers,
      scratch.serverCpuMs,
      appCpuMs,
    );
    const board = await timeBoardLoads(summaryUrl, itemsUrl, headers, RUNS.board);
    const boardTogether = await timeBoardLoads(summaryUrl, itemsUrl, headers, RUNS.board, true);
    const boardSample = (await (await fetch(summaryUrl, { headers })).json()) as {
      totalOverdue: number;
      groups: { party: string; contact: { email: string } | null; count: number }[];
    };
    const largest = boardSample.groups[0];
    const drillFilter = {
      party: largest.party,
      ...(largest.contact ? { contactEmail: largest.contact.email } : { noContact: 'true' }),
    };
    const drillUrl = `${itemsUrl}&${new URLSearchParams(drillFilter)}`;
    const drill = await timeCalls(
      Array.from({ length: RUNS.board }, () => drillUrl),
      headers,
      scratch.serverCpuMs,
      appCpuMs,
    );
    // The engagement list's first page in a few orders (informational: no target).
    const listBase = `http://127.0.0.1:${port}/api/v1/engagements`;
    const listOrders = ['createdAt', 'customer', '-progress', '-overdue', 'nextDue'];
    const lists: [string, Timing][] = [];
    for (const sort of [...listOrders.map((o) => `sort=${o}`), 'q=customer%2004']) {
      const url = `${listBase}?${sort}`;
      await timeCalls([url, url], headers);
      lists.push([
        sort,
        await timeCalls(
          Array.from({ length: RUNS.list }, () => url),
          headers,
          scratch.serverCpuMs,
          appCpuMs,
        ),
      ]);
    }

    const serviceRss = residentMemory(service.pid!);
    const sample = (await (await fetch(fullUrl, { headers })).json()) as {
      totalOverdue: number;
      byAccountable: unknown[];
    };
    if (boardSample.totalOverdue !== sample.totalOverdue) {
      throw new Error(
        `summary counts ${boardSample.totalOverdue} overdue tasks, the report ${sample.totalOverdue}`,
      );
    }
    for (const [name, timing] of Object.entries({
      full,
      customer,
      csv,
      summary,
      firstPage,
      drill,
      ...Object.fromEntries(lists),
    })) {
      if ([...timing.statuses].some((s) => s !== 200)) {
        throw new Error(`${name} report answered ${[...timing.statuses].join(', ')}`);
      }
    }

    const cpu = (timing: Timing) =>
      `cpu/call: service ${timing.appCpuMs === undefined ? 'n/a' : ms(timing.appCpuMs)}` +
      (timing.dbCpuMs === undefined ? '' : `, postgres ${ms(timing.dbCpuMs)}`);
    const latency = (timing: Timing) =>
      `p50 ${ms(timing.p50)}  p95 ${ms(timing.p95)}  max ${ms(timing.max)}`;
    const sizes = [...customer.bytes].sort((a, b) => a - b);
    log();
    log(
      `Overdue report through HTTP (asOf ${asOf}), after ${RUNS.warmUp}+${RUNS.warmUp} warm-up calls:`,
    );
    log(`  full report  x${RUNS.full}:  ${latency(full)}  (${cpu(full)})`);
    log(
      `     response ${kib(full.bytes[0])}: ${sample.totalOverdue} items, ` +
        `${sample.byAccountable.length} accountable groups`,
    );
    log(`  one customer x${RUNS.customer}: ${latency(customer)}  (${cpu(customer)})`);
    log(
      `     responses ${kib(sizes[0])}..${kib(sizes[sizes.length - 1])}, ` +
        `median ${kib(percentile(sizes, 50))}`,
    );
    log(`  full as CSV  x10:  ${latency(csv)}  (${cpu(csv)})`);
    log(`     response ${kib(csv.bytes[0])}`);
    log();
    log(`Overdue board through HTTP, after ${RUNS.warmUp} warm-up calls:`);
    log(`  summary      x${RUNS.board}: ${latency(summary)}  (${cpu(summary)})`);
    log(
      `     response ${kib(summary.bytes[0])}: ${boardSample.totalOverdue} overdue, ` +
        `${boardSample.groups.length} groups`,
    );
    log(`  first page   x${RUNS.board}: ${latency(firstPage)}  (${cpu(firstPage)})`);
    log(`     response ${kib(firstPage.bytes[0])} (50 items)`);
    log(
      `  summary + first page, one after the other x${RUNS.board}: ` +
        `p50 ${ms(board.p50)}  p95 ${ms(board.p95)}  max ${ms(board.max)}`,
    );
    log(
      `  summary and first page at once, as a browser loads them x${RUNS.board}: ` +
        `p50 ${ms(boardTogether.p50)}  p95 ${ms(boardTogether.p95)}  max ${ms(boardTogether.max)}`,
    );
    log(
      `  drill-down of the largest group (${largest.party} ${largest.contact?.email ?? 'no contact'}, ` +
        `${largest.count} tasks), first page x${RUNS.board}: ${latency(drill)}  (${cpu(drill)})`,
    );
    log();
    log('Engagement list, first page of 50 (informational):');
    for (const [query, timing] of lists) {
      log(`  ${query.padEnd(16)} x${RUNS.list}: ${latency(timing)}  (${cpu(timing)})`);
    }
    log();
    log(`  memory of the service process after the calls: RSS ${serviceRss ?? 'n/a'}`);
    log(
      `  load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${os.cpus().length} CPUs ` +
        '(latency is wall time: other work on the machine inflates it; cpu/call much less so)',
    );
    log(`  calls took ${ms(performance.now() - t)} in all`);

    log();
    log('EXPLAIN (ANALYZE, BUFFERS), full report:');
    log(await explain(scratch.url, { asOf }));
    log();
    log('EXPLAIN (ANALYZE, BUFFERS), one customer:');
    log(await explain(scratch.url, { asOf, customerId: customerIds[0] }));
    log();
    log('EXPLAIN (ANALYZE, BUFFERS), board summary:');
    log(await explain(scratch.url, buildOverdueSummaryQuery({ asOf })));
    log();
    log('EXPLAIN (ANALYZE, BUFFERS), board first page:');
    log(await explain(scratch.url, buildOverdueItemsQuery({ asOf, limit: 51 })));

    const overduePage = await benchOverduePage(scratch.url, log);
    const verdicts = [
      [`full report p95 ${ms(full.p95)} < ${TARGETS.fullP95Ms} ms`, full.p95 < TARGETS.fullP95Ms],
      [
        `one customer p95 ${ms(customer.p95)} < ${TARGETS.customerP95Ms} ms`,
        customer.p95 < TARGETS.customerP95Ms,
      ],
      [
        `board (summary + first page) p95 ${ms(board.p95)} < ${TARGETS.boardP95Ms} ms`,
        board.p95 < TARGETS.boardP95Ms,
      ],
      overduePage,
    ] as const;
    log();
    for (const [label, ok] of verdicts) log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
    log(`Total bench time ${ms(performance.now() - began)}`);
    return verdicts.every(([, ok]) => ok) ? 0 : 1;
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
