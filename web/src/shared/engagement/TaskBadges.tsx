import type { TaskStatus } from '@/shared/api';
import { formatDate, pluralize } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  return (
    <span className={`badge task-status status-${status.toLowerCase()}`}>{label(status)}</span>
  );
}

/** The due date; a late one says how late, in words as well as colour. */
export function DueDate({
  dueDate,
  overdue,
  daysOverdue,
}: {
  dueDate: string;
  overdue: boolean;
  daysOverdue: number;
}) {
  return (
    <span className={overdue ? 'due overdue' : 'due'}>
      {formatDate(dueDate)}
      {/* Where a narrow column may break the line: before the tag, not inside it. */}
      {overdue && <wbr />}
      {/* Read aloud, the date and the tag would run together ("23 Oct 202635 days late"). */}
      {overdue && <span className="visually-hidden">, </span>}
      {overdue && <span className="late-tag">{pluralize(daysOverdue, 'day')} late</span>}
    </span>
  );
}
