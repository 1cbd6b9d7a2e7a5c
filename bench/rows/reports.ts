/**
 * The overdue report and board through HTTP, each beside the same SQL run directly with
 * node-postgres (rows into JS objects) in the same run.
 */
import {
  buildOverdueItemsQuery,
  buildOverdueSummaryQuery,
} from '../../src/reports/overdue-board.report';
import { buildOverdueQuery, type SqlQuery } from '../../src/reports/overdue.report';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchContext } from '../lib/context';
import { interleaved, kib, latencyOf, log, ms, showLatency, timed } from '../lib/measure';
import { onServer } from '../lib/scratch';
import { httpClient } from '../lib/service';
import type { Verdict } from '../lib/verdict';

const RUNS = { warmUp: 10, full: 50, customer: 100, board: 100, list: 20 };
const TARGETS = { fullP95Ms: 150, fullVsSql: 1.5, customerP95Ms: 20, boardP95Ms: 40 };

export async function reportRows(ctx: BenchContext): Promise<Verdict[]> {
  const { send, key, asOf, pool, cpu } = ctx;
  const get = async (url: string, headers: Record<string, string> = key) => {
    const res = await send('GET', url, headers);
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    return res;
  };
  const sql = (query: SqlQuery) => pool.query(query.text, query.values);
  const customerIds = (
    await pool.query<{ id: string }>('SELECT id::text FROM customer ORDER BY name')
  ).rows.map((r) => r.id);
  const base = '/api/v1/reports/overdue';
  const fullUrl = `${base}?asOf=${asOf}`;
  const customerUrl = (i: number) =>
    `${base}?asOf=${asOf}&customerId=${customerIds[(i * 37) % customerIds.length]}`;
  const summaryUrl = `${base}/summary?asOf=${asOf}`;
  const itemsUrl = `${base}/items?asOf=${asOf}`;
  const fullSql = buildOverdueQuery({ asOf });
  const summarySql = buildOverdueSummaryQuery({ asOf });
  const firstPageSql = buildOverdueItemsQuery({ asOf, limit: 51 });

  for (let i = 0; i < RUNS.warmUp; i++) {
    await get(fullUrl);
    await sql(fullSql);
    await get(customerUrl(i + 1000));
    await get(summaryUrl);
    await get(itemsUrl);
    await sql(summarySql);
    await sql(firstPageSql);
  }
  const sample = (await get(fullUrl)).json<{ totalOverdue: number; byAccountable: unknown[] }>();
  const [fullTimes, fullSqlTimes] = await interleaved(RUNS.full, [
    () => get(fullUrl),
    () => sql(fullSql),
  ]);
  const full = latencyOf(fullTimes);
  const fullDirect = latencyOf(fullSqlTimes);
  const fullCpu = await cpu.per(10, async () => {
    for (let i = 0; i < 10; i++) await get(fullUrl);
  });
  const fullBody = (await get(fullUrl)).body;
  const fullBytes = fullBody.length;
  const floor = await answerFloor(fullBody);

  const customerTimes: number[] = [];
  const sizes: number[] = [];
  const customerCpu = await cpu.per(RUNS.customer, async () => {
    for (let i = 0; i < RUNS.customer; i++) {
      customerTimes.push(
        await timed(async () => sizes.push((await get(customerUrl(i))).body.length)),
      );
    }
  });
  const customer = latencyOf(customerTimes);
  const csvTimes: number[] = [];
  const csvCpu = await cpu.per(10, async () => {
    for (let i = 0; i < 10; i++) {
      csvTimes.push(await timed(() => get(fullUrl, { ...key, Accept: 'text/csv' })));
    }
  });

  // The board as the target measures it: summary, then the first page of items.
  const [boardTimes, boardSqlTimes] = await interleaved(RUNS.board, [
    async () => {
      await get(summaryUrl);
      await get(itemsUrl);
    },
    async () => {
      await sql(summarySql);
      await sql(firstPageSql);
    },
  ]);
  const board = latencyOf(boardTimes);
  const boardDirect = latencyOf(boardSqlTimes);
  const summaryTimes: number[] = [];
  const summaryCpu = await cpu.per(RUNS.board, async () => {
    for (let i = 0; i < RUNS.board; i++) summaryTimes.push(await timed(() => get(summaryUrl)));
  });
  const pageTimes: number[] = [];
  const pageCpu = await cpu.per(RUNS.board, async () => {
    for (let i = 0; i < RUNS.board; i++) pageTimes.push(await timed(() => get(itemsUrl)));
  });
  const togetherTimes: number[] = [];
  for (let i = 0; i < RUNS.board; i++) {
    togetherTimes.push(await timed(() => Promise.all([get(summaryUrl), get(itemsUrl)])));
  }
  const boardSample = (await get(summaryUrl)).json<{
    totalOverdue: number;
    groups: { party: string; contact: { email: string } | null; count: number }[];
  }>();
  if (boardSample.totalOverdue !== sample.totalOverdue) {
    throw new Error(
      `summary counts ${boardSample.totalOverdue} overdue tasks, the report ${sample.totalOverdue}`,
    );
  }
  const largest = boardSample.groups[0];
  const drillFilter = {
    party: largest.party,
    ...(largest.contact ? { contactEmail: largest.contact.email } : { noContact: 'true' }),
  };
  const drillUrl = `${itemsUrl}&${new URLSearchParams(drillFilter)}`;
  const drillTimes: number[] = [];
  const drillCpu = await cpu.per(RUNS.board, async () => {
    for (let i = 0; i < RUNS.board; i++) drillTimes.push(await timed(() => get(drillUrl)));
  });

  const lists: [string, string][] = [];
  for (const query of [
    ...['createdAt', 'customer', '-progress', '-overdue', 'nextDue'].map((o) => `sort=${o}`),
    'q=customer%2004',
  ]) {
    const url = `/api/v1/engagements?${query}`;
    await get(url);
    const times: number[] = [];
    const listCpu = await cpu.per(RUNS.list, async () => {
      for (let i = 0; i < RUNS.list; i++) times.push(await timed(() => get(url)));
    });
    lists.push([query, `${showLatency(latencyOf(times))}  (${listCpu})`]);
  }

  const sorted = [...sizes].sort((a, b) => a - b);
  log(`Overdue report through HTTP (asOf ${asOf}), after ${RUNS.warmUp} warm-up calls:`);
  log(`  full report  x${RUNS.full}: ${showLatency(full)}  (${fullCpu})`);
  log(`     the same SQL into JS, interleaved call by call: ${showLatency(fullDirect)}`);
  log(
    `     response ${kib(fullBytes)}: ${sample.totalOverdue} items, ` +
      `${sample.byAccountable.length} accountable groups`,
  );
  log(
    `     this answer alone, in this process: JSON.stringify ${ms(floor.stringify)} + ` +
      `sending it over loopback ${ms(floor.transfer)} = ${ms(floor.stringify + floor.transfer)} ` +
      `(${((floor.stringify + floor.transfer) / fullDirect.p50).toFixed(2)}x its SQL, before any other work)`,
  );
  log(`  one customer x${RUNS.customer}: ${showLatency(customer)}  (${customerCpu})`);
  log(
    `     responses ${kib(sorted[0])}..${kib(sorted[sorted.length - 1])}, ` +
      `median ${kib(sorted[Math.floor(sorted.length / 2)])}`,
  );
  log(`  full as CSV  x10: ${showLatency(latencyOf(csvTimes))}  (${csvCpu})`);
  log();
  log(`Overdue board through HTTP:`);
  log(`  summary then first page x${RUNS.board}: ${showLatency(board)}`);
  log(`     the same two SQL statements, interleaved: ${showLatency(boardDirect)}`);
  log(`  summary      x${RUNS.board}: ${showLatency(latencyOf(summaryTimes))}  (${summaryCpu})`);
  log(
    `     ${boardSample.totalOverdue} overdue, ${boardSample.groups.length} groups; ` +
      `first page x${RUNS.board}: ${showLatency(latencyOf(pageTimes))}  (${pageCpu})`,
  );
  log(
    `  summary and first page at once, as a browser loads them: ${showLatency(latencyOf(togetherTimes))}`,
  );
  log(
    `  drill-down of the largest group (${largest.party} ${largest.contact?.email ?? 'no contact'}, ` +
      `${largest.count} tasks): ${showLatency(latencyOf(drillTimes))}  (${drillCpu})`,
  );
  log('  engagement list, first page of 50 (informational):');
  for (const [query, line] of lists) log(`    ${query.padEnd(16)} x${RUNS.list}: ${line}`);
  log();
  for (const [title, query] of [
    ['full report', fullSql],
    ['one customer', buildOverdueQuery({ asOf, customerId: customerIds[0] })],
    ['board summary', summarySql],
    ['board first page', firstPageSql],
  ] as const) {
    log(`EXPLAIN (ANALYZE, BUFFERS), ${title}:`);
    log(await explain(ctx.scratch.ownerUrl, query));
  }
  log();

  const fullRatio = full.p50 / fullDirect.p50;
  return [
    {
      name: 'full report (5k items) p50',
      figure: ms(full.p50),
      baseline: `SQL into JS ${ms(fullDirect.p50)}`,
      comparison:
        `${fullRatio.toFixed(2)}x its SQL (p95 ${(full.p95 / fullDirect.p95).toFixed(2)}x; ` +
        `writing and sending the answer alone ${((floor.stringify + floor.transfer) / fullDirect.p50).toFixed(2)}x)`,
      target: `<= ${TARGETS.fullVsSql}x`,
      pass: fullRatio <= TARGETS.fullVsSql,
    },
    {
      name: 'full report p95',
      figure: ms(full.p95),
      baseline: `SQL into JS ${ms(fullDirect.p95)}`,
      comparison: '',
      target: `< ${TARGETS.fullP95Ms} ms`,
      pass: full.p95 < TARGETS.fullP95Ms,
    },
    {
      name: 'one customer p95',
      figure: ms(customer.p95),
      baseline: 'n/a',
      comparison: '',
      target: `< ${TARGETS.customerP95Ms} ms`,
      pass: customer.p95 < TARGETS.customerP95Ms,
    },
    {
      name: 'overdue board (summary + page) p95',
      figure: ms(board.p95),
      baseline: `SQL ${ms(boardDirect.p95)}`,
      comparison: `${(board.p95 / boardDirect.p95).toFixed(2)}x its SQL`,
      target: `< ${TARGETS.boardP95Ms} ms`,
      pass: board.p95 < TARGETS.boardP95Ms,
    },
  ];
}

/**
 * What any server pays for this very answer, whatever it does before: JSON.stringify of it and
 * sending it over loopback to the same HTTP client (p50s, in this process). It shows how much of
 * the full report's ratio is the size of the answer rather than the service.
 */
async function answerFloor(body: Buffer): Promise<{ stringify: number; transfer: number }> {
  const answer: unknown = JSON.parse(body.toString('utf8'));
  const stringifyTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = process.hrtime.bigint();
    Buffer.from(JSON.stringify(answer));
    stringifyTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const server = http.createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const send = httpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 1);
    const transferTimes: number[] = [];
    for (let i = 0; i < 30; i++) transferTimes.push(await timed(() => send('GET', '/')));
    // The first calls warm up the code and the connection.
    return {
      stringify: latencyOf(stringifyTimes.slice(10)).p50,
      transfer: latencyOf(transferTimes.slice(10)).p50,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function explain(url: string, { text, values }: SqlQuery): Promise<string> {
  return onServer(url, async (client) => {
    const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    return result.rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n');
  });
}
