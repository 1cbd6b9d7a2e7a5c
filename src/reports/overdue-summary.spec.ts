import { summariseByAccountable } from './overdue-summary';

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
