/**
 * Creating an engagement (16 tasks + contacts + audit event) through HTTP, sequentially and at
 * concurrency 8, against node-postgres inserting the same rows in one transaction (the template
 * read once beforehand, as any caller that knows it would).
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { addDays } from '../../src/common/domain/calendar-date';
import type { BenchContext } from '../lib/context';
import {
  interleaved,
  latencyOf,
  log,
  ms,
  perSecond,
  showLatency,
  throughput,
} from '../lib/measure';
import { statementProfile } from '../lib/statements';
import type { Verdict } from '../lib/verdict';

const TEMPLATE = 'wso2-managed-wso2-subscription';
const TIER = 'STANDARD';
const SEQUENTIAL = 200;
const CONCURRENT = 400;
const WORKERS = 8;
const TARGETS = { p95Ms: 30, perSecond: 150 };

const CONTACTS = [
  { party: 'WSO2', name: 'Bench Engineer', email: 'bench.engineer@wso2.com', primary: true },
  { party: 'CUSTOMER', name: 'Bench Owner', email: 'bench.owner@customer.test', primary: true },
];

interface TemplateTask {
  id: string;
  key: string;
  position: number;
  title: string;
  checklist: { text: string; tiers: string[] | null }[];
  raci: unknown;
  due_offset_days: number;
  depends_on: string[];
}

async function templateOf(pool: Pool) {
  const version = (
    await pool.query<{ id: string; name: string }>(
      `SELECT id::text, name FROM template_version WHERE template_key = $1
        ORDER BY version DESC LIMIT 1`,
      [TEMPLATE],
    )
  ).rows[0];
  const tasks = (
    await pool.query<TemplateTask>(
      `SELECT id::text, key, position, title, checklist, raci, due_offset_days, depends_on
         FROM template_task WHERE template_version_id = $1 ORDER BY position`,
      [version.id],
    )
  ).rows;
  return { ...version, tasks };
}

/** The same rows as the service writes, in one transaction, one statement per table. */
async function createDirectly(
  pool: Pool,
  template: Awaited<ReturnType<typeof templateOf>>,
  customer: { id: string; name: string },
  startDate: string,
): Promise<void> {
  const id = randomUUID();
  const name = `${customer.name} — ${template.name}`;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO engagement (id, customer_id, template_version_id, template_key, template_version,
                               name, cloud_provider, security_tier, start_date)
       VALUES ($1, $2, $3, $4, 1, $5, 'AWS', $6, $7)`,
      [id, customer.id, template.id, TEMPLATE, name, TIER, startDate],
    );
    await client.query(
      `INSERT INTO engagement_contact (id, engagement_id, party, name, email, "primary")
       SELECT gen_random_uuid(), $1, c.party, c.name, c.email, c."primary"
         FROM jsonb_to_recordset($2::jsonb) AS c(party text, name text, email text, "primary" boolean)`,
      [id, JSON.stringify(CONTACTS)],
    );
    const tasks = template.tasks.map((task) => ({
      id: randomUUID(),
      template_task_id: task.id,
      key: task.key,
      position: task.position,
      title: task.title,
      checklist: task.checklist.filter((item) => item.tiers === null || item.tiers.includes(TIER)),
      raci: task.raci,
      depends_on: task.depends_on,
      due_date: addDays(startDate, task.due_offset_days),
    }));
    await client.query(
      `INSERT INTO task (id, engagement_id, template_task_id, key, position, title, checklist, raci,
                         depends_on, due_date)
       SELECT t.id, $1, t.template_task_id, t.key, t.position, t.title, t.checklist, t.raci,
              ARRAY(SELECT jsonb_array_elements_text(t.depends_on)), t.due_date
         FROM jsonb_to_recordset($2::jsonb) AS t(id uuid, template_task_id uuid, key text,
              position int, title text, checklist jsonb, raci jsonb, depends_on jsonb, due_date date)`,
      [id, JSON.stringify(tasks)],
    );
    await client.query(
      `INSERT INTO audit_event (actor_kind, actor_id, actor_name, action, engagement_id, changes)
       VALUES ('key', 'bench', 'bench baseline', 'engagement.created', $1, $2::jsonb)`,
      [
        id,
        JSON.stringify({
          customerId: { from: null, to: customer.id },
          templateKey: { from: null, to: TEMPLATE },
          name: { from: null, to: name },
          contacts: { from: null, to: CONTACTS },
          tasks: { from: null, to: tasks.map((t) => t.key) },
        }),
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export async function createEngagementRows(ctx: BenchContext): Promise<Verdict[]> {
  const { send, key, pool, asOf } = ctx;
  const template = await templateOf(pool);
  const customers = (
    await pool.query<{ id: string; name: string }>('SELECT id::text, name FROM customer')
  ).rows;
  let n = 0;
  const viaService = async () => {
    const customer = customers[n++ % customers.length];
    const res = await send('POST', '/api/v1/engagements', key, {
      customerId: customer.id,
      templateKey: TEMPLATE,
      cloudProvider: 'AWS',
      securityTier: TIER,
      startDate: asOf,
      contacts: CONTACTS,
    });
    if (res.status !== 201) throw new Error(`create answered ${res.status}: ${res.body}`);
  };
  const direct = () => createDirectly(pool, template, customers[n++ % customers.length], asOf);

  await interleaved(20, [viaService, direct]);
  const [serviceTimes, directTimes] = await interleaved(SEQUENTIAL, [viaService, direct]);
  const sequential = latencyOf(serviceTimes);
  const sequentialDirect = latencyOf(directTimes);
  const concurrent = { service: 0, direct: 0 };
  for (let round = 0; round < 2; round++) {
    concurrent.service += (await throughput(WORKERS, CONCURRENT / 2, viaService)).seconds;
    concurrent.direct += (await throughput(WORKERS, CONCURRENT / 2, direct)).seconds;
  }
  const rate = CONCURRENT / concurrent.service;
  const rateDirect = CONCURRENT / concurrent.direct;
  log('Create engagement (16 tasks, 2 contacts, audit event):');
  log(`  sequential x${SEQUENTIAL}, service (HTTP):           ${showLatency(sequential)}`);
  log(`  sequential x${SEQUENTIAL}, node-postgres transaction: ${showLatency(sequentialDirect)}`);
  log(
    `  concurrency ${WORKERS} x${CONCURRENT}: service ${perSecond(rate)}, ` +
      `node-postgres ${perSecond(rateDirect)}`,
  );
  await statementProfile(ctx.scratch, 'create (service)', 50, async () => {
    for (let i = 0; i < 50; i++) await viaService();
  });
  log();
  return [
    {
      name: 'create engagement p95, sequential',
      figure: ms(sequential.p95),
      baseline: `node-postgres ${ms(sequentialDirect.p95)}`,
      comparison: `${(sequential.p95 / sequentialDirect.p95).toFixed(2)}x (p50 ${ms(sequential.p50)} vs ${ms(sequentialDirect.p50)})`,
      target: `< ${TARGETS.p95Ms} ms`,
      pass: sequential.p95 < TARGETS.p95Ms,
    },
    {
      name: `create engagement, concurrency ${WORKERS}`,
      figure: perSecond(rate),
      baseline: `node-postgres ${perSecond(rateDirect)}`,
      comparison: `${(rate / rateDirect).toFixed(2)} of node-postgres`,
      target: `>= ${TARGETS.perSecond}/s`,
      pass: rate >= TARGETS.perSecond,
    },
  ];
}
