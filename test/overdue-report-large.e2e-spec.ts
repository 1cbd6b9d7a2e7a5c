import { addDays } from '../src/common/domain/calendar-date';
import { parseCsv } from '../src/reports/csv';
import { summariseByAccountable } from '../src/reports/overdue-summary';
import { buildOverdueQuery, RowByRowQuery, streamOverdueRows } from '../src/reports/overdue.report';
import {
  createFixtureCustomer,
  createFixtureEngagement,
  createFixtureTemplate,
  FIXTURE_TASKS,
} from './helpers/report-fixtures';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * A full report larger than one of the pieces its JSON is written in while the rows arrive
 * (OverdueReportBuilder, 128 items a piece), across customers whose names need escaping or sort
 * differently by code point than by UTF-16 unit; and what happens when its query fails part-way.
 */
const REPORT = '/api/v1/reports/overdue';
const ITEMS = `${REPORT}/items`;
const AS_OF = '2025-06-15';
// U+FF21 sorts before U+1F98A by code point (PostgreSQL's "C" order), after it by UTF-16 unit.
const CUSTOMERS = ['Beta', 'acme "labs" \\ co', 'Ärger GmbH', 'Ａcme fullwidth', '🦊 Fox'];
const ENGAGEMENTS_PER_CUSTOMER = 27;

interface Item {
  engagementId: string;
  customerName: string;
  taskKey: string;
  dueDate: string;
  daysOverdue: number;
  accountable: { party: string; contact: { name: string; email: string } | null }[];
}
interface Report {
  asOf: string;
  totalOverdue: number;
  byAccountable: unknown[];
  items: Item[];
}

describe('overdue report larger than one written piece', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const template = await createFixtureTemplate(t.prisma, 'large-model');
    for (const [c, name] of CUSTOMERS.entries()) {
      const customerId = await createFixtureCustomer(t.prisma, name);
      for (let e = 0; e < ENGAGEMENTS_PER_CUSTOMER; e++) {
        await createFixtureEngagement(t.prisma, {
          customerId,
          template,
          name: `${name} PDP ${e} "\u2028"`,
          contacts:
            e % 3 === 0
              ? []
              : [
                  {
                    party: 'WSO2',
                    name: `Wändä "${e % 4}"`,
                    email: `w${e % 4}@wso2.com`,
                    primary: true,
                  },
                  { party: 'CUSTOMER', name: `Owner\t${c}`, email: `o${c}@c.test`, primary: true },
                ],
          tasks: Object.fromEntries(
            FIXTURE_TASKS.map((task, i) => [
              task.key,
              { dueDate: addDays(AS_OF, -1 - ((e + i) % 9)) },
            ]),
          ),
        });
      }
    }
  });

  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, query: Record<string, string | number>) =>
    t.http.get(url).query(query).set('Authorization', t.admin);

  it('is one whole JSON document: every item once, in the same order as the paged items', async () => {
    const res = await get(REPORT, { asOf: AS_OF }).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    const report = JSON.parse(res.text) as Report;
    const total = CUSTOMERS.length * ENGAGEMENTS_PER_CUSTOMER * FIXTURE_TASKS.length;
    expect(total).toBeGreaterThan(512); // several pieces
    expect(report.totalOverdue).toBe(total);
    expect(report.items).toHaveLength(total);
    expect(new Set(report.items.map((i) => `${i.engagementId}/${i.taskKey}`)).size).toBe(total);

    const paged: Item[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Item[]; nextCursor: string | null } } = await get(ITEMS, {
        asOf: AS_OF,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      }).expect(200);
      paged.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(report.items).toEqual(paged);
    expect(report.byAccountable).toEqual(summariseByAccountable(report.items));
  });

  it('orders customer names by code point within a due date', async () => {
    const report = (await get(REPORT, { asOf: AS_OF }).expect(200)).body as Report;
    const oldest = report.items.filter((i) => i.dueDate === report.items[0].dueDate);
    const names = [...new Set(oldest.map((i) => i.customerName))];
    expect(names).toEqual([...CUSTOMERS].sort((a, b) => cmpCodePoints(a, b)));
    expect(names.indexOf('Ａcme fullwidth')).toBeLessThan(names.indexOf('🦊 Fox'));
  });

  it('gives the CSV the same tasks in the same order', async () => {
    const [json, csv] = await Promise.all([
      get(REPORT, { asOf: AS_OF }).expect(200),
      get(REPORT, { asOf: AS_OF }).set('Accept', 'text/csv').expect(200),
    ]);
    const [header, ...rows] = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    const [engagement, task] = [header.indexOf('engagementId'), header.indexOf('taskKey')];
    const csvTasks = rows.map((row) => `${row[engagement]}/${row[task]}`);
    const jsonTasks = (json.body as Report).items.map((i) => `${i.engagementId}/${i.taskKey}`);
    expect([...new Set(csvTasks)]).toEqual(jsonTasks);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await t.http.head(REPORT).query({ asOf: AS_OF }).set('Authorization', t.admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text ?? '').toBe('');
  });

  describe('its rows as they arrive', () => {
    const checkedOut = () => t.prisma.pool.totalCount - t.prisma.pool.idleCount;

    it('rejects with the query’s own error and gives the connection back', async () => {
      const seen: unknown[] = [];
      await expect(
        streamOverdueRows(
          t.prisma,
          { text: 'SELECT 1 / (2 - g) FROM generate_series(1, 3) g', values: [] },
          (row) => seen.push(row),
        ),
      ).rejects.toMatchObject({ code: '22012' }); // division_by_zero
      expect(checkedOut()).toBe(0);
    });

    it('stops at the first error its consumer throws, and the connection stays usable', async () => {
      let calls = 0;
      const failure = new Error('consumer failed');
      await expect(
        streamOverdueRows(t.prisma, buildOverdueQuery({ asOf: AS_OF }), () => {
          calls += 1;
          if (calls === 3) throw failure;
        }),
      ).rejects.toBe(failure);
      expect(calls).toBe(3);
      expect(checkedOut()).toBe(0);
      let rows = 0;
      await streamOverdueRows(t.prisma, buildOverdueQuery({ asOf: AS_OF }), () => (rows += 1));
      expect(rows).toBe(CUSTOMERS.length * ENGAGEMENTS_PER_CUSTOMER * FIXTURE_TASKS.length);
    });

    it('keeps none of the rows it handed over, even with a callback', async () => {
      const client = await t.prisma.pool.connect();
      try {
        let handed = 0;
        const kept = await new Promise<number>((resolve, reject) => {
          const query = new RowByRowQuery<{ g: number }>(
            { text: 'SELECT g FROM generate_series(1, 1000) g' },
            (error, result) => (error ? reject(error) : resolve(result.rows.length)),
          );
          query.on('row', () => (handed += 1));
          void client.query(query);
        });
        expect(handed).toBe(1000);
        expect(kept).toBe(0);
      } finally {
        client.release();
      }
    });
  });
});

function cmpCodePoints(a: string, b: string): number {
  const [x, y] = [[...a].map((c) => c.codePointAt(0)!), [...b].map((c) => c.codePointAt(0)!)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
