import type { CalendarDate } from '../common/domain/calendar-date';
import { isClosed, TaskStatus } from '../tasks/task-status';

export const ENGAGEMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/**
 * An engagement is COMPLETED once every task is DONE or NOT_APPLICABLE and ACTIVE otherwise
 * (so reopening a task reactivates it). CANCELLED is a decision, not a derivation: it stays
 * until someone decides to reactivate the engagement.
 */
export function deriveEngagementStatus(
  current: EngagementStatus,
  taskStatuses: readonly TaskStatus[],
): EngagementStatus {
  if (current === 'CANCELLED') return 'CANCELLED';
  return taskStatuses.length > 0 && taskStatuses.every(isClosed) ? 'COMPLETED' : 'ACTIVE';
}

/**
 * What a cancelled engagement becomes when reactivated: whatever its tasks say, as if it had
 * never been cancelled — so a cancelled engagement whose tasks were all closed is COMPLETED.
 */
export function reactivatedStatus(taskStatuses: readonly TaskStatus[]): EngagementStatus {
  return deriveEngagementStatus('ACTIVE', taskStatuses);
}

export interface Progress {
  total: number;
  done: number;
  notApplicable: number;
  /** Closed tasks (DONE or NOT_APPLICABLE) as a whole percentage of all tasks, rounded down. */
  percent: number;
}

export function progressFromCounts(total: number, done: number, notApplicable: number): Progress {
  const percent = total === 0 ? 0 : Math.floor(((done + notApplicable) * 100) / total);
  return { total, done, notApplicable, percent };
}

export function progressOf(taskStatuses: readonly TaskStatus[]): Progress {
  const count = (status: TaskStatus) => taskStatuses.filter((s) => s === status).length;
  return progressFromCounts(taskStatuses.length, count('DONE'), count('NOT_APPLICABLE'));
}

/** The task an engagement's list entry names as next due. */
export interface NextDueTask {
  key: string;
  title: string;
  dueDate: CalendarDate;
}

/**
 * The open task due first (by due date, then position) — overdue ones included, since they are
 * the most pressing. Null when every task is closed, and when the engagement is not ACTIVE:
 * nothing is due in a cancelled or completed engagement.
 */
export function nextDueTask(
  engagementStatus: EngagementStatus,
  tasks: readonly (NextDueTask & { status: TaskStatus; position: number })[],
): NextDueTask | null {
  if (engagementStatus !== 'ACTIVE') return null;
  let next: (typeof tasks)[number] | undefined;
  for (const task of tasks) {
    if (isClosed(task.status)) continue;
    if (
      !next ||
      task.dueDate < next.dueDate ||
      (task.dueDate === next.dueDate && task.position < next.position)
    ) {
      next = task;
    }
  }
  return next ? { key: next.key, title: next.title, dueDate: next.dueDate } : null;
}
