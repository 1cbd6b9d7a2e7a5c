import { addDays, LATEST_DATE, type CalendarDate } from '../common/domain/calendar-date';
import type { FieldProblem } from '../common/errors/domain-errors';

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
