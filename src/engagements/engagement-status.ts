import { isClosed, TaskStatus } from '../tasks/task-status';

export const ENGAGEMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/**
 * An engagement is COMPLETED once every task is DONE or NOT_APPLICABLE and ACTIVE otherwise
 * (so reopening a task reactivates it). CANCELLED is a decision, not a derivation: it stays.
 */
export function deriveEngagementStatus(
  current: EngagementStatus,
  taskStatuses: readonly TaskStatus[],
): EngagementStatus {
  if (current === 'CANCELLED') return 'CANCELLED';
  return taskStatuses.length > 0 && taskStatuses.every(isClosed) ? 'COMPLETED' : 'ACTIVE';
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
