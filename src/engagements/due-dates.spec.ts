import { rescheduleDueDates, rescheduleProblem, startDateProblem } from './due-dates';
import type { TaskStatus } from '../tasks/task-status';

describe('startDateProblem', () => {
  it('accepts a start whose last task is due by 2099-12-31', () => {
    expect(startDateProblem('2099-11-01', [0, 10, 60])).toBeUndefined();
    expect(startDateProblem('2099-12-31', [0])).toBeUndefined();
    expect(startDateProblem('2026-01-05', [])).toBeUndefined();
  });

  it('refuses a start that puts a due date after 2099-12-31, naming the latest start that fits', () => {
    expect(startDateProblem('2099-12-31', [0, 5, 59])).toEqual({
      field: 'startDate',
      message:
        "puts the last task's due date at 2100-02-28, after 2099-12-31, the latest date accepted; " +
        'start on 2099-11-02 or earlier',
    });
    expect(startDateProblem('2099-11-03', [59])?.field).toBe('startDate');
    expect(startDateProblem('2099-11-02', [59])).toBeUndefined();
  });
});

describe('rescheduleDueDates', () => {
  const task = (key: string, status: TaskStatus, dueDate: string) => ({ key, status, dueDate });
  const plan = [
    task('kickoff', 'DONE', '2026-03-02'),
    task('network', 'IN_PROGRESS', '2026-03-09'),
    task('skipped', 'NOT_APPLICABLE', '2026-03-12'),
    task('blocked', 'BLOCKED', '2026-03-16'),
    // Moved by hand, before its neighbours: it keeps its place relative to the new start.
    task('handover', 'NOT_STARTED', '2026-02-27'),
  ];

  it('moves every open task by the days the start moved, later', () => {
    expect(rescheduleDueDates('2026-03-02', '2026-03-16', plan)).toEqual({
      days: 14,
      moves: [
        { key: 'network', from: '2026-03-09', to: '2026-03-23' },
        { key: 'blocked', from: '2026-03-16', to: '2026-03-30' },
        { key: 'handover', from: '2026-02-27', to: '2026-03-13' },
      ],
    });
  });

  it('and earlier, across a month end', () => {
    expect(rescheduleDueDates('2026-03-02', '2026-02-23', plan)).toEqual({
      days: -7,
      moves: [
        { key: 'network', from: '2026-03-09', to: '2026-03-02' },
        { key: 'blocked', from: '2026-03-16', to: '2026-03-09' },
        { key: 'handover', from: '2026-02-27', to: '2026-02-20' },
      ],
    });
  });

  it('leaves closed tasks, and everything when the start stays', () => {
    const { moves } = rescheduleDueDates('2026-03-02', '2026-04-02', plan);
    expect(moves.map((move) => move.key)).not.toContain('kickoff');
    expect(moves.map((move) => move.key)).not.toContain('skipped');
    expect(rescheduleDueDates('2026-03-02', '2026-03-02', plan)).toEqual({ days: 0, moves: [] });
  });
});

describe('rescheduleProblem', () => {
  const open = (dueDate: string) => [{ key: 'a', status: 'NOT_STARTED' as const, dueDate }];

  it('accepts moves that keep every due date within 2000-01-01..2099-12-31', () => {
    const later = rescheduleDueDates('2099-10-01', '2099-10-31', open('2099-12-01'));
    expect(rescheduleProblem('2099-10-01', later)).toBeUndefined();
    const earlier = rescheduleDueDates('2000-02-01', '2000-01-01', open('2000-02-01'));
    expect(rescheduleProblem('2000-02-01', earlier)).toBeUndefined();
  });

  it('refuses a later start that pushes a due date past 2099-12-31, naming the latest start that fits', () => {
    const later = rescheduleDueDates('2099-10-01', '2099-11-15', open('2099-12-01'));
    expect(rescheduleProblem('2099-10-01', later)).toEqual({
      field: 'startDate',
      message:
        "puts an open task's due date at 2100-01-15, after 2099-12-31, the latest date accepted; " +
        'start on 2099-10-31 or earlier',
    });
  });

  it('refuses an earlier start that pulls a due date before 2000-01-01, naming the earliest start that fits', () => {
    const earlier = rescheduleDueDates('2000-02-01', '2000-01-01', open('2000-01-10'));
    expect(rescheduleProblem('2000-02-01', earlier)).toEqual({
      field: 'startDate',
      message:
        "puts an open task's due date at 1999-12-10, before 2000-01-01, the earliest date accepted; " +
        'start on 2000-01-23 or later',
    });
  });
});
