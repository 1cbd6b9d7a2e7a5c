import { TASK_STATUSES, TaskStatus } from '../tasks/task-status';
import {
  deriveEngagementStatus,
  nextDueTask,
  progressFromCounts,
  progressOf,
  reactivatedStatus,
} from './engagement-status';

describe('deriveEngagementStatus', () => {
  it('is COMPLETED when every task is DONE or NOT_APPLICABLE', () => {
    expect(deriveEngagementStatus('ACTIVE', ['DONE', 'NOT_APPLICABLE', 'DONE'])).toBe('COMPLETED');
  });

  it.each(['NOT_STARTED', 'IN_PROGRESS', 'BLOCKED'] as TaskStatus[])(
    'is ACTIVE while one task is %s, also coming back from COMPLETED',
    (open) => {
      expect(deriveEngagementStatus('ACTIVE', ['DONE', open])).toBe('ACTIVE');
      expect(deriveEngagementStatus('COMPLETED', ['DONE', open])).toBe('ACTIVE');
    },
  );

  it('keeps CANCELLED whatever the tasks say', () => {
    for (const status of TASK_STATUSES) {
      expect(deriveEngagementStatus('CANCELLED', [status])).toBe('CANCELLED');
    }
    expect(deriveEngagementStatus('CANCELLED', [])).toBe('CANCELLED');
  });

  it('is ACTIVE without tasks (nothing was done)', () => {
    expect(deriveEngagementStatus('ACTIVE', [])).toBe('ACTIVE');
  });
});

describe('reactivatedStatus', () => {
  it('is what the tasks say, as if the engagement had never been cancelled', () => {
    expect(reactivatedStatus(['DONE', 'IN_PROGRESS'])).toBe('ACTIVE');
    expect(reactivatedStatus(['BLOCKED'])).toBe('ACTIVE');
    expect(reactivatedStatus(['DONE', 'NOT_APPLICABLE'])).toBe('COMPLETED');
    expect(reactivatedStatus([])).toBe('ACTIVE');
  });
});

describe('progress', () => {
  it('counts done and not applicable, percent rounded down', () => {
    expect(progressOf(['DONE', 'NOT_APPLICABLE', 'IN_PROGRESS'])).toEqual({
      total: 3,
      done: 1,
      notApplicable: 1,
      percent: 66,
    });
  });

  it('is 100 only when all are closed, 0 when empty', () => {
    expect(progressFromCounts(16, 15, 0).percent).toBe(93);
    expect(progressFromCounts(16, 10, 6).percent).toBe(100);
    expect(progressFromCounts(0, 0, 0)).toEqual({
      total: 0,
      done: 0,
      notApplicable: 0,
      percent: 0,
    });
  });
});

describe('nextDueTask', () => {
  const task = (
    key: string,
    dueDate: string,
    status: TaskStatus = 'NOT_STARTED',
    position = 1,
  ) => ({
    key,
    title: `Task ${key}`,
    dueDate,
    status,
    position,
  });

  it('is the open task due first, overdue or not', () => {
    expect(
      nextDueTask('ACTIVE', [
        task('later', '2026-03-10'),
        task('first', '2026-01-05', 'BLOCKED'),
        task('done', '2025-12-01', 'DONE'),
        task('skipped', '2025-12-01', 'NOT_APPLICABLE'),
      ]),
    ).toEqual({ key: 'first', title: 'Task first', dueDate: '2026-01-05' });
  });

  it('breaks a tie on the due date by position', () => {
    const tasks = [
      task('b', '2026-01-05', 'IN_PROGRESS', 4),
      task('a', '2026-01-05', 'NOT_STARTED', 2),
    ];
    expect(nextDueTask('ACTIVE', tasks)?.key).toBe('a');
  });

  it('is null when every task is closed, or none exists', () => {
    expect(nextDueTask('ACTIVE', [task('x', '2026-01-05', 'DONE')])).toBeNull();
    expect(nextDueTask('ACTIVE', [])).toBeNull();
  });

  it.each(['CANCELLED', 'COMPLETED'] as const)('is null for a %s engagement', (status) => {
    expect(nextDueTask(status, [task('x', '2026-01-05')])).toBeNull();
  });
});
