import { diffFields, systemActor } from './audit-event';

describe('diffFields', () => {
  it('lists only the fields that changed, as from/to pairs', () => {
    const before = { status: 'NOT_STARTED', note: null, assignee: 'ann', dueDate: '2026-01-01' };
    expect(
      diffFields(before, { status: 'DONE', note: null, assignee: 'bob' }, [
        'status',
        'note',
        'assignee',
        'dueDate',
      ]),
    ).toEqual({
      status: { from: 'NOT_STARTED', to: 'DONE' },
      assignee: { from: 'ann', to: 'bob' },
    });
  });

  it('compares structured values by content', () => {
    const before = { contacts: [{ name: 'a' }] };
    expect(diffFields(before, { contacts: [{ name: 'a' }] }, ['contacts'])).toEqual({});
    expect(diffFields(before, { contacts: [] }, ['contacts'])).toEqual({
      contacts: { from: [{ name: 'a' }], to: [] },
    });
  });

  it('names system actors', () => {
    expect(systemActor('escalation')).toEqual({
      kind: 'system',
      id: null,
      name: 'system:escalation',
      email: null,
      requestId: null,
    });
  });
});
