import {
  addDays,
  daysBetween,
  EARLIEST_DATE,
  LATEST_DATE,
  type CalendarDate,
} from '../common/domain/calendar-date';
import type { FieldProblem } from '../common/errors/domain-errors';
import { isClosed, type TaskStatus } from '../tasks/task-status';

/**
 * A task is due its template's offset after the engagement's start date. Every such date must be
 * one the service accepts back (a task's due date can be set only within the calendar range), so
 * a start date whose last task would fall after the range is refused, naming the latest start
 * that fits.
 */
export function startDateProblem(
  startDate: CalendarDate,
  dueOffsetDays: readonly number[],
): FieldProblem | undefined {
  const longest = Math.max(0, ...dueOffsetDays);
  const lastDue = addDays(startDate, longest);
  if (lastDue <= LATEST_DATE) return undefined;
  return {
    field: 'startDate',
    message:
      `puts the last task's due date at ${lastDue}, after ${LATEST_DATE}, the latest date ` +
      `accepted; start on ${addDays(LATEST_DATE, -longest)} or earlier`,
  };
}

/** A task as rescheduling sees it. */
export interface ScheduledTask {
  key: string;
  status: TaskStatus;
  dueDate: CalendarDate;
}

export interface DueDateMove {
  key: string;
  from: CalendarDate;
  to: CalendarDate;
}

export interface Reschedule {
  /** Days the start moved: positive when it is later. */
  days: number;
  /** The open tasks, each moved by `days`, in the order given. */
  moves: DueDateMove[];
}

/**
 * Moving the start of an engagement moves the plan with it: every open task's due date moves by
 * the same number of days, a due date set by hand too (where it sits in the plan is what people
 * chose). Closed tasks keep theirs: they are history.
 */
export function rescheduleDueDates(
  from: CalendarDate,
  to: CalendarDate,
  tasks: readonly ScheduledTask[],
): Reschedule {
  const days = daysBetween(from, to);
  if (days === 0) return { days, moves: [] };
  const moves = tasks
    .filter((task) => !isClosed(task.status))
    .map((task) => ({ key: task.key, from: task.dueDate, to: addDays(task.dueDate, days) }));
  return { days, moves };
}

/**
 * Like a new engagement's start date, a moved one must leave every due date one the service
 * accepts back; refused naming startDate and the furthest start that fits.
 */
export function rescheduleProblem(
  from: CalendarDate,
  { days, moves }: Reschedule,
): FieldProblem | undefined {
  const dates = moves.map((move) => move.from).sort();
  if (dates.length === 0) return undefined;
  if (days > 0) {
    const last = dates.at(-1)!;
    if (addDays(last, days) <= LATEST_DATE) return undefined;
    return {
      field: 'startDate',
      message:
        `puts an open task's due date at ${addDays(last, days)}, after ${LATEST_DATE}, the ` +
        `latest date accepted; start on ${addDays(from, daysBetween(last, LATEST_DATE))} or earlier`,
    };
  }
  const first = dates[0];
  if (addDays(first, days) >= EARLIEST_DATE) return undefined;
  return {
    field: 'startDate',
    message:
      `puts an open task's due date at ${addDays(first, days)}, before ${EARLIEST_DATE}, the ` +
      `earliest date accepted; start on ${addDays(from, daysBetween(first, EARLIEST_DATE))} or later`,
  };
}
