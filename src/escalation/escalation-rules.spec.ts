import {
  decideEscalations,
  EscalationCandidate,
  readRaci,
  recipientsFor,
} from './escalation-rules';

const asOf = '2026-11-25';
const wso2 = { name: 'Wanda Ops', email: 'wanda@wso2.com' };
const acme = { name: 'Carl Customer', email: 'carl@acme.example' };
const levels = [1, 7, 14];

function candidate(overrides: Partial<EscalationCandidate> = {}): EscalationCandidate {
  return {
    engagementStatus: 'ACTIVE',
    taskStatus: 'IN_PROGRESS',
    dueDate: '2026-11-24',
    raci: {
      responsible: [{ party: 'WSO2', ifRequired: false }],
      accountable: [{ party: 'WSO2', ifRequired: false }],
      consulted: [],
      informed: [{ party: 'Customer', ifRequired: false }],
    },
    primaryContacts: { WSO2: wso2, Customer: acme },
    ...overrides,
  };
}

describe('escalation decisions', () => {
  it('reaches the first level one day overdue, nothing when due today', () => {
    expect(decideEscalations(candidate({ dueDate: asOf }), asOf, levels, [])).toEqual([]);
    const [only, ...rest] = decideEscalations(candidate(), asOf, levels, []);
    expect(rest).toEqual([]);
    expect(only).toEqual({
      level: 1,
      ordinal: 1,
      daysOverdue: 1,
      recipients: [
        { party: 'WSO2', roles: ['accountable'], contact: wso2, contactMissing: false },
        { party: 'Customer', roles: ['informed'], contact: acme, contactMissing: false },
      ],
    });
  });

  it('reaches a level on its exact day, not the day before', () => {
    const at6 = decideEscalations(candidate({ dueDate: '2026-11-19' }), asOf, levels, []);
    expect(at6.map((d) => d.level)).toEqual([1]);
    const at7 = decideEscalations(candidate({ dueDate: '2026-11-18' }), asOf, levels, []);
    expect(at7.map((d) => [d.level, d.ordinal, d.daysOverdue])).toEqual([
      [1, 1, 7],
      [7, 2, 7],
    ]);
  });

  it('skips levels already notified', () => {
    const decisions = decideEscalations(candidate({ dueDate: '2026-11-01' }), asOf, levels, [1, 7]);
    expect(decisions.map((d) => d.level)).toEqual([14]);
    expect(decideEscalations(candidate({ dueDate: '2026-11-01' }), asOf, levels, levels)).toEqual(
      [],
    );
  });

  it.each(['DONE', 'NOT_APPLICABLE'])('decides nothing for a %s task', (taskStatus) => {
    expect(
      decideEscalations(candidate({ taskStatus, dueDate: '2026-01-01' }), asOf, levels, []),
    ).toEqual([]);
  });

  it.each(['COMPLETED', 'CANCELLED'])('decides nothing in a %s engagement', (engagementStatus) => {
    expect(
      decideEscalations(candidate({ engagementStatus, dueDate: '2026-01-01' }), asOf, levels, []),
    ).toEqual([]);
  });

  it('follows the configured levels, whatever they are', () => {
    const decisions = decideEscalations(candidate({ dueDate: '2026-11-22' }), asOf, [2, 3, 30], []);
    expect(decisions.map((d) => [d.level, d.ordinal])).toEqual([
      [2, 1],
      [3, 2],
    ]);
  });
});

describe('escalation recipients', () => {
  const raci = readRaci({
    responsible: [{ party: 'WSO2', ifRequired: false }],
    accountable: [
      { party: 'WSO2', ifRequired: false },
      { party: 'Customer', ifRequired: false },
    ],
    consulted: [{ party: 'Partner', ifRequired: false }],
    informed: [
      { party: 'Customer', ifRequired: false },
      { party: 'Auditor', ifRequired: true },
    ],
  });

  it('tells "If required" Informed parties only from the second level on', () => {
    expect(recipientsFor(raci, { WSO2: wso2, Customer: acme }, 1).map((r) => r.party)).toEqual([
      'WSO2',
      'Customer',
    ]);
    expect(recipientsFor(raci, { WSO2: wso2, Customer: acme }, 2).map((r) => r.party)).toEqual([
      'WSO2',
      'Customer',
      'Auditor',
    ]);
  });

  it('lists a party once with every reason, and never the consulted or responsible ones', () => {
    const recipients = recipientsFor(raci, { WSO2: wso2, Customer: acme }, 1);
    expect(recipients.find((r) => r.party === 'Customer')?.roles).toEqual([
      'accountable',
      'informed',
    ]);
    expect(recipients.some((r) => r.party === 'Partner')).toBe(false);
  });

  it('keeps a party without a primary contact, flagged, instead of dropping it', () => {
    const recipients = recipientsFor(raci, { WSO2: wso2 }, 2);
    expect(recipients).toEqual([
      { party: 'WSO2', roles: ['accountable'], contact: wso2, contactMissing: false },
      {
        party: 'Customer',
        roles: ['accountable', 'informed'],
        contact: null,
        contactMissing: true,
      },
      { party: 'Auditor', roles: ['informed'], contact: null, contactMissing: true },
    ]);
  });

  it('reads stored RACI defensively', () => {
    expect(readRaci(null)).toEqual({
      responsible: [],
      accountable: [],
      consulted: [],
      informed: [],
    });
    expect(readRaci({ accountable: [{ party: 'WSO2' }, { nope: 1 }], informed: 'x' })).toEqual({
      responsible: [],
      accountable: [{ party: 'WSO2', ifRequired: false }],
      consulted: [],
      informed: [],
    });
  });
});
