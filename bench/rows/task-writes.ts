/**
 * Task writes at concurrency 8: "mark done" (POST …/complete) and PATCH (a status toggle with
 * If-Match), each against node-postgres doing the same writes directly in one transaction —
 * the version-checked status update, the audit insert (its hash-chain trigger runs in both) and
 * the engagement status derived in SQL. Service and baseline alternate in rounds on disjoint
 * engagements drawn from the same seed, so both meet the same data and the same noise.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolClient } from 'pg';
import { PrismaClient } from '../../src/generated/prisma/client';
import type { BenchContext } from '../lib/context';
import {
  latencyOf,
  log,
  perSecond,
  showLatency,
  timed,
  type CpuSplit,
  type Latency,
} from '../lib/measure';
import { statementProfile } from '../lib/statements';
import type { Verdict } from '../lib/verdict';

const WORKERS = 8;
const ROUNDS = 3;
const OPS_PER_ROUND = 400;
/**
 * Writes per path before measuring (BENCH_WARM_UP overrides). The rows compare steady states: a
 * request through the service runs far more code than the baseline's five statements, and V8
 * optimises it only after some thousands of calls — after 50, the service's figure was mostly its
 * JIT warming up (1.3 against 0.8 ms of CPU per write on Node 20).
 */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 1_000);
const TARGET_RATIO = 0.7;

interface OpenTask {
  id: string;
  key: string;
  version: number;
  status: string;
}
interface Chain {
  engagementId: string;
  /** Open tasks in position order, up to the first BLOCKED one: each can be DONE in turn. */
  tasks: OpenTask[];
}
/** Chains consumed across rounds. */
interface ChainSource {
  chains: Chain[];
  next: number;
}

const UPDATE_TASK_SQL = `
  UPDATE task SET status = $3::task_status, version = version + 1, updated_at = now()
   WHERE id = $1::uuid AND version = $2 RETURNING version`;
const AUDIT_SQL = `
  INSERT INTO audit_event (actor_kind, actor_id, actor_name, actor_email, action, engagement_id,
                           task_key, changes, reason, request_id)
  VALUES ('key', 'bench', 'bench baseline', NULL, $1, $2::uuid, $3, $4::jsonb, NULL, NULL)`;
const SYNC_ENGAGEMENT_SQL = `
  UPDATE engagement e SET status = d.status, updated_at = now()
    FROM (SELECT CASE WHEN bool_and(status IN ('DONE', 'NOT_APPLICABLE')) THEN 'COMPLETED'
                      ELSE 'ACTIVE' END::engagement_status AS status
            FROM task WHERE engagement_id = $1::uuid) d
   WHERE e.id = $1::uuid AND e.status <> 'CANCELLED' AND e.status <> d.status
  RETURNING e.status::text AS status`;

type Statement = (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** The baseline's writes, on whichever client runs them. */
async function statusChange(
  run: Statement,
  engagementId: string,
  task: OpenTask,
  to: string,
): Promise<void> {
  const updated = await run(UPDATE_TASK_SQL, [task.id, task.version, to]);
  if (updated.rows.length !== 1) throw new Error(`version check failed on task ${task.id}`);
  await run(AUDIT_SQL, [
    'task.status_changed',
    engagementId,
    task.key,
    JSON.stringify({ status: { from: task.status, to } }),
  ]);
  const synced = await run(SYNC_ENGAGEMENT_SQL, [engagementId]);
  if (synced.rows.length === 1) {
    const now = String(synced.rows[0].status);
    await run(AUDIT_SQL, [
      'engagement.status_changed',
      engagementId,
      null,
      JSON.stringify({ status: { from: now === 'ACTIVE' ? 'COMPLETED' : 'ACTIVE', to: now } }),
    ]);
  }
  task.version = Number(updated.rows[0].version);
  task.status = to;
}

async function inTransaction(pool: Pool, work: (client: PoolClient) => Promise<void>) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function loadChains(pool: Pool): Promise<Chain[]> {
  const { rows } = await pool.query<{ engagement_id: string; tasks: OpenTask[] }>(`
    SELECT e.id::text AS engagement_id,
           json_agg(json_build_object('id', t.id, 'key', t.key, 'version', t.version,
                                      'status', t.status) ORDER BY t.position) AS tasks
      FROM engagement e JOIN task t ON t.engagement_id = e.id
     WHERE e.status = 'ACTIVE' AND t.status NOT IN ('DONE', 'NOT_APPLICABLE')
     GROUP BY e.id ORDER BY e.id`);
  return rows
    .map((row) => {
      const blocked = row.tasks.findIndex((task) => task.status === 'BLOCKED');
      return {
        engagementId: row.engagement_id,
        tasks: blocked < 0 ? row.tasks : row.tasks.slice(0, blocked),
      };
    })
    .filter((chain) => chain.tasks.length > 0);
}

/** Workers each take a whole engagement and close its tasks in order, until `budget` are done. */
async function runChains(
  source: ChainSource,
  budget: number,
  op: (engagementId: string, task: OpenTask) => Promise<void>,
): Promise<Run> {
  let done = 0;
  const times: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (done < budget) {
        const chain = source.chains[source.next++];
        if (!chain) return;
        for (const task of chain.tasks) {
          if (done >= budget) return;
          done++;
          times.push(await timed(() => op(chain.engagementId, task)));
        }
      }
    }),
  );
  return { ops: done, seconds: (performance.now() - start) / 1000, times };
}

/** Workers toggle tasks (NOT_STARTED <-> IN_PROGRESS), one task per engagement. */
async function runToggles(
  tasks: { engagementId: string; task: OpenTask }[],
  budget: number,
  op: (engagementId: string, task: OpenTask, to: string) => Promise<void>,
): Promise<Run> {
  let next = 0;
  const times: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let i = next++; i < budget; i = next++) {
        const { engagementId, task } = tasks[i % tasks.length];
        const to = task.status === 'NOT_STARTED' ? 'IN_PROGRESS' : 'NOT_STARTED';
        times.push(await timed(() => op(engagementId, task, to)));
      }
    }),
  );
  return { ops: budget, seconds: (performance.now() - start) / 1000, times };
}

interface Run {
  ops: number;
  seconds: number;
  times: number[];
}
interface Tally extends Run {
  cpu: CpuSplit;
  /** The rate of each round, to show how far the rounds of one run spread. */
  roundRates: number[];
}
const tally = (): Tally => ({
  ops: 0,
  seconds: 0,
  times: [],
  cpu: { service: 0, postgres: 0, bench: 0 },
  roundRates: [],
});
const rateOf = (t: Tally) => t.ops / t.seconds;
const describe = (name: string, t: Tally) => {
  const latency: Latency = latencyOf(t.times);
  const per = (value: number) => (value / t.ops).toFixed(2);
  return (
    `  ${name.padEnd(44)} ${perSecond(rateOf(t)).padStart(6)} (${t.ops} in ${t.seconds.toFixed(1)} s)  ${showLatency(latency)}\n` +
    `  ${''.padEnd(44)} cpu/op ms: service ${per(t.cpu.service)}, postgres ${per(t.cpu.postgres)}, bench ${per(t.cpu.bench)}`
  );
};

export async function taskWriteRows(ctx: BenchContext): Promise<Verdict[]> {
  const { send, key, pool } = ctx;
  const chains = await loadChains(pool);
  const sets = Array.from({ length: 5 }, (_, s) => chains.filter((_, i) => i % 5 === s));
  const [doneService, doneDirect]: ChainSource[] = sets
    .slice(0, 2)
    .map((set) => ({ chains: set, next: 0 }));
  const [patchService, patchDirect, patchPrisma] = sets
    .slice(2)
    .map((set) =>
      set.map((chain) => ({ engagementId: chain.engagementId, task: { ...chain.tasks[0] } })),
    );
  const available = Math.min(
    ...[doneService, doneDirect].map((s) => s.chains.flatMap((c) => c.tasks).length),
  );
  log(
    `Task writes, concurrency ${WORKERS}, after ${WARM_UP} warm-up writes per path, ${ROUNDS} rounds of ${OPS_PER_ROUND} per side ` +
      `(${chains.length} active engagements with open tasks; ${available} closable in order per side):`,
  );

  const complete = async (engagementId: string, task: OpenTask) => {
    const res = await send(
      'POST',
      `/api/v1/engagements/${engagementId}/tasks/${task.key}/complete`,
      { ...key, 'If-Match': `"v${task.version}"` },
      {},
    );
    if (res.status !== 200) throw new Error(`complete answered ${res.status}: ${res.body}`);
  };
  const completeDirectly = (engagementId: string, task: OpenTask) =>
    inTransaction(pool, (client) =>
      statusChange((t, v) => client.query(t, v), engagementId, task, 'DONE'),
    );
  const patch = async (engagementId: string, task: OpenTask, to: string) => {
    const res = await send(
      'PATCH',
      `/api/v1/engagements/${engagementId}/tasks/${task.key}`,
      { ...key, 'If-Match': `"v${task.version}"` },
      { status: to },
    );
    if (res.status !== 200) throw new Error(`PATCH answered ${res.status}: ${res.body}`);
    task.version = Number(/^"v(\d+)"$/.exec(String(res.headers.etag))![1]);
    task.status = to;
  };
  const patchDirectly = (engagementId: string, task: OpenTask, to: string) =>
    inTransaction(pool, (client) =>
      statusChange((t, v) => client.query(t, v), engagementId, task, to),
    );
  // The same transaction through Prisma's interactive $transaction (informational).
  const prismaPool = new Pool({ connectionString: ctx.scratch.appUrl, max: WORKERS });
  const prisma = new PrismaClient({ adapter: new PrismaPg(prismaPool) });
  const patchThroughPrisma = (engagementId: string, task: OpenTask, to: string) =>
    prisma.$transaction((tx) =>
      statusChange(
        async (text, values) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }),
        engagementId,
        task,
        to,
      ),
    );

  try {
    await runChains(doneService, WARM_UP, complete);
    await runChains(doneDirect, WARM_UP, completeDirectly);
    await runToggles(patchService, WARM_UP, patch);
    await runToggles(patchDirect, WARM_UP, patchDirectly);
    await runToggles(patchPrisma, WARM_UP, patchThroughPrisma);

    const done = { service: tally(), direct: tally() };
    const toggled = { service: tally(), direct: tally(), prisma: tally() };
    const add = async (into: Tally, work: () => Promise<Run>) => {
      const { result, cpu } = await ctx.cpu.split(work);
      into.ops += result.ops;
      into.seconds += result.seconds;
      into.roundRates.push(result.ops / result.seconds);
      into.times.push(...result.times);
      into.cpu.service += cpu.service;
      into.cpu.postgres += cpu.postgres;
      into.cpu.bench += cpu.bench;
    };
    for (let round = 0; round < ROUNDS; round++) {
      await add(done.service, () => runChains(doneService, OPS_PER_ROUND, complete));
      await add(done.direct, () => runChains(doneDirect, OPS_PER_ROUND, completeDirectly));
      await add(toggled.service, () => runToggles(patchService, OPS_PER_ROUND, patch));
      await add(toggled.direct, () => runToggles(patchDirect, OPS_PER_ROUND, patchDirectly));
      await add(toggled.prisma, () => runToggles(patchPrisma, OPS_PER_ROUND, patchThroughPrisma));
    }
    log(describe('mark done, service (HTTP)', done.service));
    log(describe('mark done, node-postgres transaction', done.direct));
    log(describe('PATCH status, service (HTTP)', toggled.service));
    log(describe('PATCH status, node-postgres transaction', toggled.direct));
    log(describe('PATCH status, same SQL in Prisma $transaction', toggled.prisma));
    await statementProfile(ctx.scratch, 'mark done (service)', 100, async () => {
      await runChains(doneService, 100, complete);
    });
    await statementProfile(ctx.scratch, 'PATCH (service)', 100, async () => {
      await runToggles(patchService, 100, patch);
    });
    await statementProfile(ctx.scratch, 'PATCH (node-postgres baseline)', 100, async () => {
      await runToggles(patchDirect, 100, patchDirectly);
    });
    log();

    const verdict = (name: string, service: Tally, direct: Tally): Verdict => {
      const ratio = rateOf(service) / rateOf(direct);
      // Each round's service rate against the baseline's rate in the same round.
      const rounds = service.roundRates.map((rate, i) => rate / direct.roundRates[i]);
      return {
        name: `${name}, concurrency ${WORKERS}`,
        figure: perSecond(rateOf(service)),
        baseline: `node-postgres ${perSecond(rateOf(direct))}`,
        comparison:
          `${ratio.toFixed(2)} of node-postgres ` +
          `(rounds ${Math.min(...rounds).toFixed(2)}–${Math.max(...rounds).toFixed(2)})`,
        target: `>= ${TARGET_RATIO}`,
        pass: ratio >= TARGET_RATIO,
      };
    };
    return [
      verdict('mark done', done.service, done.direct),
      verdict('PATCH task', toggled.service, toggled.direct),
    ];
  } finally {
    await prisma.$disconnect();
    if (!prismaPool.ended) await prismaPool.end();
  }
}
