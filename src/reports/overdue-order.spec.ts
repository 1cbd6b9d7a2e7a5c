import { sortOverdueRows } from './overdue.report';

describe('sortOverdueRows', () => {
  const row = (dueDate: string, customerName: string, position: number, engagementId: string) => ({
    dueDate,
    customerName,
    position,
    engagementId,
  });

  it('orders by due date (most overdue first), customer, task position, then engagement id', () => {
    const rows = [
      row('2026-11-20', 'Beta', 1, 'e2'),
      row('2026-11-01', 'Zeta', 9, 'e9'),
      row('2026-11-20', 'Alpha', 3, 'e3'),
      row('2026-11-20', 'Alpha', 2, 'e5'),
      row('2026-11-20', 'Alpha', 2, 'e4'),
    ];
    expect(sortOverdueRows(rows).map((r) => r.engagementId)).toEqual([
      'e9',
      'e4',
      'e5',
      'e3',
      'e2',
    ]);
  });

  it('compares names by code point, whatever the database collation', () => {
    const rows = [
      row('2026-11-20', 'alpha', 1, 'a'),
      row('2026-11-20', 'Beta', 1, 'b'),
      row('2026-11-20', 'Ärger', 1, 'c'),
    ];
    expect(sortOverdueRows(rows).map((r) => r.customerName)).toEqual(['Beta', 'alpha', 'Ärger']);
  });
});
