import { daysOverdue, isOverdue } from './overdue-rules';

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
