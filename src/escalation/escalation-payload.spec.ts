import { buildEscalationPayload } from './escalation-payload';

describe('escalation payload', () => {
  it('carries the notification id, level, task, engagement, customer and recipients', () => {
    const recipients = [
      {
        party: 'WSO2',
        roles: ['accountable' as const],
        contact: { name: 'Wanda', email: 'w@wso2.com' },
        contactMissing: false,
      },
    ];
    const payload = buildEscalationPayload(
      'a2b0c7a4-0000-4000-8000-000000000001',
      { level: 7, ordinal: 2, daysOverdue: 9, recipients },
      {
        task: {
          id: 't1',
          key: 'network',
          title: 'Network',
          status: 'BLOCKED',
          dueDate: '2026-11-16',
        },
        engagement: { id: 'e1', name: 'Acme PDP' },
        customer: { id: 'c1', name: 'Acme' },
      },
      '2026-11-25',
      new Date('2026-11-25T10:00:00Z'),
    );
    expect(payload).toEqual({
      type: 'task.overdue.escalated',
      notificationId: 'a2b0c7a4-0000-4000-8000-000000000001',
      level: 7,
      levelOrdinal: 2,
      daysOverdue: 9,
      asOf: '2026-11-25',
      task: {
        id: 't1',
        key: 'network',
        title: 'Network',
        status: 'BLOCKED',
        dueDate: '2026-11-16',
      },
      engagement: { id: 'e1', name: 'Acme PDP' },
      customer: { id: 'c1', name: 'Acme' },
      recipients,
      createdAt: '2026-11-25T10:00:00.000Z',
    });
    // A copy: later changes to the decision cannot alter what was stored.
    recipients[0].roles.push('informed' as never);
    expect(payload.recipients[0].roles).toEqual(['accountable']);
  });
});
