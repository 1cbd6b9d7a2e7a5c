import { CalendarDate, daysBetween } from '../common/domain/calendar-date';

/**
 * When a task is overdue, and how late it is. Everything that speaks of "overdue" — the report,
 * engagement lists, overdueCount, escalation — goes through these rules (or OPEN_TASK_SQL, their
 * SQL form), so they can never disagree.
 */
export const CLOSED_TASK_STATUSES = ['DONE', 'NOT_APPLICABLE'] as const;

export interface OverdueCandidate {
  engagementStatus: string;
  taskStatus: string;
  dueDate: CalendarDate;
}

/** Overdue on `asOf`: engagement ACTIVE, task still open, due strictly before `asOf`. Due today is not late. */
export function isOverdue(task: OverdueCandidate, asOf: CalendarDate): boolean {
  return (
    task.engagementStatus === 'ACTIVE' &&
    !(CLOSED_TASK_STATUSES as readonly string[]).includes(task.taskStatus) &&
    daysBetween(task.dueDate, asOf) > 0
  );
}

/** Days late on `asOf` (0 when not late). */
export function daysOverdue(dueDate: CalendarDate, asOf: CalendarDate): number {
  return Math.max(0, daysBetween(dueDate, asOf));
}

/**
 * The same rule as SQL over aliases `e` (engagement) and `t` (task), with the as-of date as a
 * bound `date` parameter. It matches the partial index task_open_due_date_idx.
 */
export function overdueSql(asOfParam: string): string {
  return `e.status = 'ACTIVE' AND t.status NOT IN ('DONE', 'NOT_APPLICABLE') AND t.due_date < ${asOfParam}`;
}
