import { ageBandOf } from './overdue-rules';
import { BandCount, summariseBandCounts, summariseByAccountable } from './overdue-summary';

const wanda = { name: 'Wanda', email: 'wanda@wso2.com' };
const walt = { name: 'Walt', email: 'walt@wso2.com' };
const carl = { name: 'Carl', email: 'carl@acme.test' };

describe('summariseByAccountable', () => {
  it('is empty without items', () => {
    expect(summariseByAccountable([])).toEqual([]);
  });

  it('counts a joint task once for each accountable party', () => {
    const summary = summariseByAccountable([
      {
        daysOverdue: 3,
        accountable: [
          { party: 'WSO2', contact: wanda },
          { party: 'CUSTOMER', contact: carl },
        ],
      },
    ]);
    expect(summary).toEqual([
      { party: 'CUSTOMER', contact: carl, count: 1, maxDaysOverdue: 3 },
      { party: 'WSO2', contact: wanda, count: 1, maxDaysOverdue: 3 },
    ]);
  });

  it('groups by party and person, keeps the maximum lateness, largest group first', () => {
    const summary = summariseByAccountable([
      { daysOverdue: 2, accountable: [{ party: 'WSO2', contact: walt }] },
      { daysOverdue: 9, accountable: [{ party: 'WSO2', contact: wanda }] },
      { daysOverdue: 4, accountable: [{ party: 'WSO2', contact: walt }] },
      { daysOverdue: 1, accountable: [{ party: 'WSO2', contact: { ...walt } }] },
    ]);
    expect(summary).toEqual([
      { party: 'WSO2', contact: walt, count: 3, maxDaysOverdue: 4 },
      { party: 'WSO2', contact: wanda, count: 1, maxDaysOverdue: 9 },
    ]);
  });

  it('is one person per party and email, whatever its case and the name each engagement gives them', () => {
    const summary = summariseByAccountable([
      {
        daysOverdue: 9,
        accountable: [{ party: 'WSO2', contact: { name: 'W. Perera', email: 'Wanda@WSO2.com' } }],
      },
      {
        daysOverdue: 4,
        accountable: [
          { party: 'WSO2', contact: { name: 'Wanda Perera', email: 'wanda@wso2.com' } },
        ],
      },
      {
        daysOverdue: 2,
        accountable: [
          { party: 'WSO2', contact: { name: 'Wanda Perera', email: 'wanda@wso2.com' } },
        ],
      },
      // The same address for the customer's side is another group: the party differs.
      {
        daysOverdue: 1,
        accountable: [{ party: 'CUSTOMER', contact: { name: 'Wanda', email: 'wanda@wso2.com' } }],
      },
    ]);
    expect(summary).toEqual([
      // The name most of the tasks carry, the email in lower case.
      {
        party: 'WSO2',
        contact: { name: 'Wanda Perera', email: 'wanda@wso2.com' },
        count: 3,
        maxDaysOverdue: 9,
      },
      {
        party: 'CUSTOMER',
        contact: { name: 'Wanda', email: 'wanda@wso2.com' },
        count: 1,
        maxDaysOverdue: 1,
      },
    ]);
  });

  it('keeps tasks without a named contact in their own group per party', () => {
    const summary = summariseByAccountable([
      { daysOverdue: 5, accountable: [{ party: 'CUSTOMER', contact: null }] },
      { daysOverdue: 5, accountable: [{ party: 'CUSTOMER', contact: carl }] },
      { daysOverdue: 7, accountable: [{ party: 'WSO2', contact: null }] },
      { daysOverdue: 2, accountable: [{ party: 'CUSTOMER', contact: null }] },
    ]);
    expect(summary).toEqual([
      { party: 'CUSTOMER', contact: null, count: 2, maxDaysOverdue: 5 },
      { party: 'WSO2', contact: null, count: 1, maxDaysOverdue: 7 },
      { party: 'CUSTOMER', contact: carl, count: 1, maxDaysOverdue: 5 },
    ]);
  });

  it('does not count one task twice when a party is listed twice', () => {
    const summary = summariseByAccountable([
      {
        daysOverdue: 1,
        accountable: [
          { party: 'WSO2', contact: wanda },
          { party: 'WSO2', contact: wanda },
        ],
      },
    ]);
    expect(summary).toEqual([{ party: 'WSO2', contact: wanda, count: 1, maxDaysOverdue: 1 }]);
  });

  it('orders equal counts by lateness, then party, unnamed before named', () => {
    const summary = summariseByAccountable([
      { daysOverdue: 1, accountable: [{ party: 'WSO2', contact: wanda }] },
      { daysOverdue: 1, accountable: [{ party: 'WSO2', contact: null }] },
      { daysOverdue: 1, accountable: [{ party: 'CUSTOMER', contact: carl }] },
      { daysOverdue: 8, accountable: [{ party: 'WSO2', contact: walt }] },
    ]);
    expect(summary.map((s) => [s.party, s.contact?.name ?? null])).toEqual([
      ['WSO2', 'Walt'],
      ['CUSTOMER', 'Carl'],
      ['WSO2', null],
      ['WSO2', 'Wanda'],
    ]);
  });

  it('keeps only the filtered party when asked, though its tasks are joint', () => {
    const joint = {
      daysOverdue: 4,
      accountable: [
        { party: 'WSO2', contact: wanda },
        { party: 'CUSTOMER', contact: carl },
      ],
    };
    expect(summariseByAccountable([joint], 'CUSTOMER')).toEqual([
      { party: 'CUSTOMER', contact: carl, count: 1, maxDaysOverdue: 4 },
    ]);
  });
});

describe('summariseBandCounts', () => {
  const zero = { '1-7': 0, '8-14': 0, '15-30': 0, '31+': 0 };

  it('is an empty board without counts', () => {
    expect(summariseBandCounts([])).toEqual({ totalOverdue: 0, bands: zero, groups: [] });
  });

  it("folds one person's rows together whatever the email's case or the name, as the report does", () => {
    const row = (
      name: string,
      email: string,
      band: BandCount['band'],
      count: number,
    ): BandCount => ({
      party: 'WSO2',
      contactName: name,
      contactEmail: email,
      band,
      count,
      maxDaysOverdue: band === '31+' ? 116 : 6,
    });
    const board = summariseBandCounts([
      row('Wanda Perera', 'wanda@wso2.com', '31+', 8),
      row('W. Perera', 'Wanda@WSO2.com', '1-7', 1),
    ]);
    expect(board.groups).toEqual([
      {
        party: 'WSO2',
        contact: { name: 'Wanda Perera', email: 'wanda@wso2.com' },
        count: 9,
        maxDaysOverdue: 116,
        bands: { ...zero, '1-7': 1, '31+': 8 },
      },
    ]);
  });

  it('totals the overall bands and folds each group with its own bands', () => {
    const row = (
      party: string | null,
      contact: { name: string; email: string } | null,
      band: BandCount['band'],
      count: number,
      maxDaysOverdue: number,
    ): BandCount => ({
      party,
      contactName: contact?.name ?? null,
      contactEmail: contact?.email ?? null,
      band,
      count,
      maxDaysOverdue,
    });
    const board = summariseBandCounts([
      row(null, null, '1-7', 4, 6),
      row(null, null, '31+', 1, 40),
      row('WSO2', wanda, '1-7', 2, 6),
      row('CUSTOMER', null, '1-7', 2, 3),
      row('WSO2', wanda, '31+', 1, 40),
      row('CUSTOMER', carl, '1-7', 1, 2),
    ]);
    expect(board).toEqual({
      totalOverdue: 5,
      bands: { ...zero, '1-7': 4, '31+': 1 },
      groups: [
        {
          party: 'WSO2',
          contact: wanda,
          count: 3,
          maxDaysOverdue: 40,
          bands: { ...zero, '1-7': 2, '31+': 1 },
        },
        {
          party: 'CUSTOMER',
          contact: null,
          count: 2,
          maxDaysOverdue: 3,
          bands: { ...zero, '1-7': 2 },
        },
        {
          party: 'CUSTOMER',
          contact: carl,
          count: 1,
          maxDaysOverdue: 2,
          bands: { ...zero, '1-7': 1 },
        },
      ],
    });
  });

  it('forms and orders the same groups as summariseByAccountable over the items', () => {
    const items = [
      {
        daysOverdue: 3,
        accountable: [
          { party: 'WSO2', contact: wanda },
          { party: 'CUSTOMER', contact: carl },
        ],
      },
      { daysOverdue: 12, accountable: [{ party: 'WSO2', contact: null }] },
      { daysOverdue: 31, accountable: [{ party: 'WSO2', contact: walt }] },
      { daysOverdue: 30, accountable: [{ party: 'WSO2', contact: walt }] },
      { daysOverdue: 8, accountable: [] },
    ];
    // The per-band counts the database would return for these items.
    const counts = new Map<string, BandCount>();
    const add = (
      party: string | null,
      contact: { name: string; email: string } | null,
      days: number,
    ) => {
      const band = ageBandOf(days)!;
      const key = JSON.stringify([party, contact, band]);
      const found = counts.get(key);
      if (found) {
        found.count += 1;
        found.maxDaysOverdue = Math.max(found.maxDaysOverdue, days);
      } else {
        counts.set(key, {
          party,
          contactName: contact?.name ?? null,
          contactEmail: contact?.email ?? null,
          band,
          count: 1,
          maxDaysOverdue: days,
        });
      }
    };
    for (const item of items) {
      add(null, null, item.daysOverdue);
      for (const a of item.accountable) add(a.party, a.contact, item.daysOverdue);
    }
    const board = summariseBandCounts([...counts.values()]);
    expect(board.groups.map(({ bands: _bands, ...group }) => group)).toEqual(
      summariseByAccountable(items),
    );
    expect(board.totalOverdue).toBe(items.length);
    expect(board.bands).toEqual({ '1-7': 1, '8-14': 2, '15-30': 1, '31+': 1 });
  });
});
