import { parseCsv } from './csv';
import { OVERDUE_CSV_HEADER, overdueCsvFilename, overdueReportCsv } from './overdue-csv';

const base = {
  engagementId: 'e1',
  engagementName: 'Acme PDP',
  customerId: 'c1',
  customerName: 'Acme, Inc.',
  taskKey: 'network-management',
  title: 'Network management',
  status: 'BLOCKED',
  dueDate: '2026-11-20',
  daysOverdue: 5,
};

describe('overdue report as CSV', () => {
  it('writes the header only for an empty report', () => {
    expect(parseCsv(overdueReportCsv({ asOf: '2026-11-25', items: [] }))).toEqual([
      [...OVERDUE_CSV_HEADER],
    ]);
  });

  it('writes one record per item and accountable party', () => {
    const csv = overdueReportCsv({
      asOf: '2026-11-25',
      items: [
        {
          ...base,
          accountable: [
            { party: 'WSO2', ifRequired: false, contact: { name: 'Wanda', email: 'w@wso2.com' } },
            { party: 'CUSTOMER', ifRequired: true, contact: null },
          ],
          responsible: [
            { party: 'WSO2', ifRequired: false },
            { party: 'CUSTOMER', ifRequired: true },
          ],
        },
      ],
    });
    const task = ['2026-11-25', 'e1', 'Acme PDP', 'c1', 'Acme, Inc.', 'network-management'];
    const rest = ['Network management', 'BLOCKED', '2026-11-20', '5'];
    const responsible = 'WSO2; CUSTOMER (if required)';
    expect(parseCsv(csv).slice(1)).toEqual([
      [...task, ...rest, 'WSO2', 'false', 'Wanda', 'w@wso2.com', responsible],
      [...task, ...rest, 'CUSTOMER', 'true', '', '', responsible],
    ]);
    expect(csv).toContain('"Acme, Inc."');
  });

  it('filtered by a party, writes only that party of a joint task, as the board groups it', () => {
    const item = {
      ...base,
      accountable: [
        { party: 'WSO2', ifRequired: false, contact: { name: 'Wanda', email: 'w@wso2.com' } },
        { party: 'CUSTOMER', ifRequired: false, contact: { name: 'Cody', email: 'c@acme.test' } },
      ],
      responsible: [{ party: 'CUSTOMER', ifRequired: false }],
    };
    const rows = parseCsv(overdueReportCsv({ asOf: '2026-11-25', items: [item] }, 'WSO2'));
    expect(rows.slice(1).map((row) => row.slice(10, 14))).toEqual([
      ['WSO2', 'false', 'Wanda', 'w@wso2.com'],
    ]);
  });

  it('keeps an item without accountable party as one record with empty party cells', () => {
    const csv = overdueReportCsv({
      asOf: '2026-11-25',
      items: [{ ...base, accountable: [], responsible: [] }],
    });
    const records = parseCsv(csv);
    expect(records).toHaveLength(2);
    expect(records[1].slice(10)).toEqual(['', '', '', '', '']);
  });

  it('neutralises formulas in names', () => {
    const csv = overdueReportCsv({
      asOf: '2026-11-25',
      items: [
        {
          ...base,
          customerName: '=HYPERLINK("http://evil.test","x")',
          accountable: [
            { party: 'WSO2', ifRequired: false, contact: { name: '@me', email: 'a@b' } },
          ],
          responsible: [],
        },
      ],
    });
    const record = parseCsv(csv)[1];
    expect(record[4]).toBe(`'=HYPERLINK("http://evil.test","x")`);
    expect(record[12]).toBe("'@me");
  });

  it('names the download after the date', () => {
    expect(overdueCsvFilename('2026-11-25')).toBe('overdue-2026-11-25.csv');
  });
});
