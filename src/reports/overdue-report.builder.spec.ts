import { overdueReportCsv } from './overdue-csv';
import { itemsOn, OverdueReportBuilder } from './overdue-report.builder';
import type { EngagementContactRef } from './overdue-rules';
import { summariseByAccountable } from './overdue-summary';
import type { OverdueRow } from './overdue.report';

const AS_OF = '2026-03-01';
const wso2 = [{ party: 'WSO2', ifRequired: false }];
const joint = [
  { party: 'WSO2', ifRequired: false },
  { party: 'CUSTOMER', ifRequired: true },
];
const contacts: EngagementContactRef[][] = [
  [],
  [{ party: 'WSO2', name: 'Wändä "W" \\ Perera', email: 'w@wso2.com', primary: true }],
  [
    { party: 'WSO2', name: 'Line\u2028break\ttab', email: 'l@wso2.com', primary: true },
    { party: 'CUSTOMER', name: '🦊 Fox \ud800 lone', email: 'f@fox.test', primary: true },
  ],
];

/** `count` rows in report order, with text that JSON must escape and characters past ASCII. */
function rows(count: number): OverdueRow[] {
  return Array.from({ length: count }, (_, i) => ({
    engagementId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    engagementName: `PDP "${i}" <\\>\n`,
    customerId: `10000000-0000-4000-8000-${String(i % 7).padStart(12, '0')}`,
    customerName: ['Ärger', 'Beta', '\u0000nul', '日本'][i % 4],
    taskKey: `task-${i % 16}`,
    title: `Title ${i}`,
    status: 'NOT_STARTED',
    dueDate: `2026-02-${String(1 + (Math.floor(i / 100) % 28)).padStart(2, '0')}`,
    position: i % 16,
    raci: { accountable: i % 3 ? wso2 : joint, responsible: joint },
    contacts: contacts[i % contacts.length],
  }));
}

/** The report as the builder must write it, worked out item by item with the same rules. */
function expected(input: OverdueRow[], party?: string) {
  const items = input.map(itemsOn(AS_OF));
  const report = {
    asOf: AS_OF,
    totalOverdue: items.length,
    byAccountable: summariseByAccountable(items, party),
    items,
  };
  return { report, json: JSON.stringify(report), csv: overdueReportCsv(report, party) };
}

function written(input: OverdueRow[], format: 'json' | 'csv', party?: string): Buffer {
  const builder = new OverdueReportBuilder(AS_OF, party, format);
  for (const row of input) builder.add(row);
  return Buffer.concat(builder.finish());
}

describe('OverdueReportBuilder', () => {
  it.each([0, 1, 511, 512, 513, 1024, 1300])(
    'writes %i items as exactly the bytes JSON.stringify writes for the report',
    (count) => {
      const input = rows(count);
      const json = written(input, 'json');
      expect(json.equals(Buffer.from(expected(input).json, 'utf8'))).toBe(true);
      expect(JSON.parse(json.toString('utf8'))).toMatchObject({ totalOverdue: count });
    },
  );

  it.each([0, 1, 512, 1300])(
    'writes %i items as exactly the CSV overdueReportCsv writes',
    (count) => {
      const input = rows(count);
      expect(written(input, 'csv').toString('utf8')).toBe(expected(input).csv);
    },
  );

  it('keeps the rows’ order', () => {
    const input = rows(700);
    const report = JSON.parse(written(input, 'json').toString('utf8')) as {
      items: { engagementId: string; daysOverdue: number; accountable: unknown }[];
    };
    expect(report.items.map((item) => item.engagementId)).toEqual(
      input.map((row) => row.engagementId),
    );
    expect(report.items[0]).toMatchObject({
      daysOverdue: 28,
      accountable: [
        { party: 'WSO2', ifRequired: false, contact: null },
        { party: 'CUSTOMER', ifRequired: true, contact: null },
      ],
    });
  });

  it('summarises, and writes CSV records for, only the party the report is filtered to', () => {
    const input = rows(600);
    const json = JSON.parse(written(input, 'json', 'CUSTOMER').toString('utf8')) as {
      byAccountable: { party: string }[];
    };
    expect(json.byAccountable.map((group) => group.party)).toEqual(['CUSTOMER']);
    expect(written(input, 'json', 'CUSTOMER').toString('utf8')).toBe(
      expected(input, 'CUSTOMER').json,
    );
    expect(written(input, 'csv', 'CUSTOMER').toString('utf8')).toBe(
      expected(input, 'CUSTOMER').csv,
    );
  });
});
