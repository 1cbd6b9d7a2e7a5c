import { OverdueReportBuilder } from './overdue-report.builder';
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

function built(input: OverdueRow[], party?: string) {
  const asObject = new OverdueReportBuilder(AS_OF, party, false);
  const asJson = new OverdueReportBuilder(AS_OF, party, true);
  for (const row of input) {
    asObject.add(row);
    asJson.add(row);
  }
  return { report: asObject.finish(), json: asJson.finishJson() };
}

describe('OverdueReportBuilder', () => {
  it.each([0, 1, 511, 512, 513, 1024, 1300])(
    'writes %i items as exactly the bytes JSON.stringify writes for the report',
    (count) => {
      const { report, json } = built(rows(count));
      expect(report.totalOverdue).toBe(count);
      expect(report.items).toHaveLength(count);
      expect(json.equals(Buffer.from(JSON.stringify(report), 'utf8'))).toBe(true);
    },
  );

  it('keeps the rows’ order and summarises as summariseByAccountable does', () => {
    const input = rows(700);
    const { report } = built(input);
    expect(report.items.map((item) => item.engagementId)).toEqual(
      input.map((row) => row.engagementId),
    );
    expect(report.byAccountable).toEqual(summariseByAccountable(report.items));
    expect(report.items[0]).toMatchObject({
      daysOverdue: 28,
      accountable: [
        { party: 'WSO2', ifRequired: false, contact: null },
        { party: 'CUSTOMER', ifRequired: true, contact: null },
      ],
    });
  });

  it('summarises only the party the report is filtered to', () => {
    const { report, json } = built(rows(600), 'CUSTOMER');
    expect(report.byAccountable).toEqual(summariseByAccountable(report.items, 'CUSTOMER'));
    expect(report.byAccountable.map((group) => group.party)).toEqual(['CUSTOMER']);
    expect(JSON.parse(json.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
