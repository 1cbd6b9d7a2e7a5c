import {
  accountableParties,
  AGE_BANDS,
  ageBandOf,
  ageBandSql,
  daysOverdue,
  emptyAgeBandCounts,
  isOverdue,
  overdueSql,
  primaryContact,
  raciEntries,
} from './overdue-rules';

describe('overdue rules', () => {
  const asOf = '2026-11-25';
  const open = { engagementStatus: 'ACTIVE', taskStatus: 'IN_PROGRESS' };

  it('is overdue when due yesterday, not when due today or tomorrow', () => {
    expect(isOverdue({ ...open, dueDate: '2026-11-24' }, asOf)).toBe(true);
    expect(isOverdue({ ...open, dueDate: '2026-11-25' }, asOf)).toBe(false);
    expect(isOverdue({ ...open, dueDate: '2026-11-26' }, asOf)).toBe(false);
  });

  it.each(['NOT_STARTED', 'IN_PROGRESS', 'BLOCKED'])('counts open status %s', (taskStatus) => {
    expect(isOverdue({ engagementStatus: 'ACTIVE', taskStatus, dueDate: '2026-01-01' }, asOf)).toBe(
      true,
    );
  });

  it.each(['DONE', 'NOT_APPLICABLE'])('never counts closed status %s', (taskStatus) => {
    expect(isOverdue({ engagementStatus: 'ACTIVE', taskStatus, dueDate: '2026-01-01' }, asOf)).toBe(
      false,
    );
  });

  it.each(['COMPLETED', 'CANCELLED'])(
    'never counts tasks of a %s engagement',
    (engagementStatus) => {
      expect(
        isOverdue({ engagementStatus, taskStatus: 'BLOCKED', dueDate: '2026-01-01' }, asOf),
      ).toBe(false);
    },
  );

  it('measures days overdue as asOf minus due date', () => {
    expect(daysOverdue('2026-11-24', asOf)).toBe(1);
    expect(daysOverdue('2026-10-26', asOf)).toBe(30);
    expect(daysOverdue('2026-11-25', asOf)).toBe(0);
    expect(daysOverdue('2026-12-01', asOf)).toBe(0);
  });
});

describe('RACI and contact rules', () => {
  const raci = {
    responsible: [{ party: 'WSO2', ifRequired: false }],
    accountable: [
      { party: 'WSO2', ifRequired: false },
      { party: 'CUSTOMER', ifRequired: true },
    ],
    consulted: [],
    informed: [{ party: 'CUSTOMER', ifRequired: true }],
  };

  it('lists every accountable party of a joint task', () => {
    expect(accountableParties(raci)).toEqual([
      { party: 'WSO2', ifRequired: false },
      { party: 'CUSTOMER', ifRequired: true },
    ]);
  });

  it('reads each RACI role and an empty role as an empty list', () => {
    expect(raciEntries(raci, 'responsible')).toEqual([{ party: 'WSO2', ifRequired: false }]);
    expect(raciEntries(raci, 'consulted')).toEqual([]);
    expect(raciEntries(raci, 'informed')).toEqual([{ party: 'CUSTOMER', ifRequired: true }]);
  });

  it('tolerates malformed RACI JSON without inventing parties', () => {
    expect(accountableParties(null)).toEqual([]);
    expect(accountableParties({})).toEqual([]);
    expect(accountableParties({ accountable: 'WSO2' })).toEqual([]);
    expect(accountableParties({ accountable: [null, 7, { party: 3 }, { party: 'WSO2' }] })).toEqual(
      [{ party: 'WSO2', ifRequired: false }],
    );
  });

  const contacts = [
    { party: 'WSO2', name: 'Backup', email: 'backup@wso2.com', primary: false },
    { party: 'WSO2', name: 'Wanda', email: 'wanda@wso2.com', primary: true },
    { party: 'CUSTOMER', name: 'Carl', email: 'carl@acme.test', primary: false },
  ];

  it("names the party's primary contact, not another of its contacts", () => {
    expect(primaryContact(contacts, 'WSO2')).toEqual({ name: 'Wanda', email: 'wanda@wso2.com' });
  });

  it('is null when the party has contacts but none is primary, or none at all', () => {
    expect(primaryContact(contacts, 'CUSTOMER')).toBeNull();
    expect(primaryContact(contacts, 'PARTNER')).toBeNull();
    expect(primaryContact([], 'WSO2')).toBeNull();
  });
});

describe('overdueSql', () => {
  it('states the same rule over a bound date parameter', () => {
    expect(overdueSql('$1::date')).toBe(
      "e.status = 'ACTIVE' AND t.status NOT IN ('DONE', 'NOT_APPLICABLE') AND t.due_date < $1::date",
    );
  });
});

describe('age bands', () => {
  it.each([
    [1, '1-7'],
    [7, '1-7'],
    [8, '8-14'],
    [14, '8-14'],
    [15, '15-30'],
    [30, '15-30'],
    [31, '31+'],
    [400, '31+'],
  ])('puts a task %i days overdue in band %s', (days, band) => {
    expect(ageBandOf(days)).toBe(band);
  });

  it('puts a task that is not late in no band', () => {
    expect(ageBandOf(0)).toBeUndefined();
    expect(ageBandOf(-3)).toBeUndefined();
  });

  it('covers every day from 1 on exactly once', () => {
    for (let days = 1; days <= 100; days++) {
      const matching = AGE_BANDS.filter((b) => days >= b.from && (b.to === null || days <= b.to));
      expect({ days, bands: matching.length }).toEqual({ days, bands: 1 });
    }
  });

  it('starts every band at zero', () => {
    expect(emptyAgeBandCounts()).toEqual({ '1-7': 0, '8-14': 0, '15-30': 0, '31+': 0 });
  });

  it('states the same bands in SQL', () => {
    expect(ageBandSql('o.days')).toBe(
      "CASE WHEN o.days BETWEEN 1 AND 7 THEN '1-7' WHEN o.days BETWEEN 8 AND 14 THEN '8-14' " +
        "WHEN o.days BETWEEN 15 AND 30 THEN '15-30' WHEN o.days >= 31 THEN '31+' END",
    );
  });
});
