import { decideEscalation, EscalationCandidate, readRaci, recipientsFor } from './escalation-rules';

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
    expect(decideEscalation(candidate({ dueDate: asOf }), asOf, levels, [])).toBeUndefined();
    expect(decideEscalation(candidate(), asOf, levels, [])).toEqual({
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
    expect(decideEscalation(candidate({ dueDate: '2026-11-19' }), asOf, levels, [1])).toBe(
      undefined,
    );
    const at7 = decideEscalation(candidate({ dueDate: '2026-11-18' }), asOf, levels, [1]);
    expect(at7 && [at7.level, at7.ordinal, at7.daysOverdue]).toEqual([7, 2, 7]);
  });

  it('catches up once, at the current level: no replay of the ladder', () => {
    // 24 days overdue when first seen (a back-dated engagement): level 14 only.
    const first = decideEscalation(candidate({ dueDate: '2026-11-01' }), asOf, levels, []);
    expect(first && [first.level, first.ordinal, first.daysOverdue]).toEqual([14, 3, 24]);
    // The levels it skipped are not sent later either.
    expect(decideEscalation(candidate({ dueDate: '2026-11-01' }), asOf, levels, [14])).toBe(
      undefined,
    );
    // From level 1 straight to 14 after a pause: 14, not 7.
    const jump = decideEscalation(candidate({ dueDate: '2026-11-01' }), asOf, levels, [1]);
    expect(jump?.level).toBe(14);
  });

  it('skips a task already notified at its level or above', () => {
    expect(
      decideEscalation(candidate({ dueDate: '2026-11-01' }), asOf, levels, [1, 7])?.level,
    ).toBe(14);
    expect(decideEscalation(candidate({ dueDate: '2026-11-01' }), asOf, levels, levels)).toBe(
      undefined,
    );
  });

  it.each(['DONE', 'NOT_APPLICABLE'])('decides nothing for a %s task', (taskStatus) => {
    expect(
      decideEscalation(candidate({ taskStatus, dueDate: '2026-01-01' }), asOf, levels, []),
    ).toBeUndefined();
  });

  it.each(['COMPLETED', 'CANCELLED'])('decides nothing in a %s engagement', (engagementStatus) => {
    expect(
      decideEscalation(candidate({ engagementStatus, dueDate: '2026-01-01' }), asOf, levels, []),
    ).toBeUndefined();
  });

  it('follows the configured levels, whatever they are', () => {
    const decision = decideEscalation(candidate({ dueDate: '2026-11-22' }), asOf, [2, 3, 30], []);
    expect(decision && [decision.level, decision.ordinal]).toEqual([3, 2]);
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
