import { formatDate, formatDateTime } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { assigneeText } from './assignee';
import type { Task } from './engagement-query';
import type { AuditEvent } from './stale-change';
import type { TaskConflict, TaskField, useTaskChange } from './task-changes';

const FIELD_NAMES: Record<TaskField, string> = {
  status: 'Status',
  dueDate: 'Due date',
  assignee: 'Assignee',
  note: 'Note',
};

function shown(field: TaskField, task: Task): string {
  const value = task[field];
  if (value === null || value === '') return '(none)';
  if (field === 'status') return label(value);
  if (field === 'dueDate') return formatDate(value);
  if (field === 'assignee') return assigneeText(value, task.assigneeUser);
  return value;
}

/** One field someone else changed, in words. */
export interface ChangedField {
  name: string;
  before: string;
  after: string;
  /** Said after it, e.g. that the person changed it too. */
  note?: string;
}

/** What someone else's change did, field by field: "Due date: 4 Mar 2026 → 9 Mar 2026". */
export function ChangedFields({ changes }: { changes: readonly ChangedField[] }) {
  return (
    <dl className="conflict-changes">
      {changes.map((c) => (
        <div key={c.name}>
          <dt>{c.name}</dt>
          <dd>
            <del>{c.before}</del> → <ins>{c.after}</ins>
            {c.note && <span className="conflict-note"> — {c.note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** "Last change by Ana Silva on 4 Mar 2026, 14:05 — “reason”." */
export function LastChange({ event }: { event: AuditEvent | undefined }) {
  if (!event) return null;
  return (
    <p className="muted">
      Last change by {event.actor.name} on {formatDateTime(event.at)}
      {event.reason && <> — “{event.reason}”</>}.
    </p>
  );
}

interface Props {
  conflict: TaskConflict;
  /** What the person tried, in words, e.g. "mark it done". */
  attempted: string;
  onReload: () => void;
  reloading: boolean;
}

/**
 * A 412: the task changed under the person. Shows what changed and who changed it last, and
 * offers to load the current task; nothing is saved over the other person's change.
 */
export function ConflictNotice({ conflict, attempted, onReload, reloading }: Props) {
  const { base, current, differences, lastEvent } = conflict;
  return (
    <div className="notice notice-conflict" role="alert">
      <p>
        <strong>This task was changed by someone else since you opened it.</strong> Your change (
        {attempted}) was not saved.
      </p>
      {differences.length > 0 ? (
        <ChangedFields
          changes={differences.map(({ field }) => ({
            name: FIELD_NAMES[field],
            before: shown(field, base),
            after: shown(field, current),
          }))}
        />
      ) : (
        <p>Its status, due date, assignee and note are as you saw them (its checklist changed).</p>
      )}
      <LastChange event={lastEvent} />
      <p>Load the task as it is now; then decide whether your change still applies.</p>
      <button type="button" onClick={onReload} disabled={reloading}>
        Reload the task
      </button>
    </div>
  );
}

interface ProblemProps {
  change: ReturnType<typeof useTaskChange>;
  /** What the person tried, in words, e.g. "mark it done". */
  attempted: string;
  errorTitle?: string;
  /** False when the form shows the error at its fields instead. */
  showError?: boolean;
}

/** Why a task change was not saved: someone else's change (412, with a reload), or the error. */
export function TaskChangeProblem({
  change,
  attempted,
  errorTitle,
  showError = true,
}: ProblemProps) {
  if (change.conflict) {
    return (
      <ConflictNotice
        conflict={change.conflict}
        attempted={attempted}
        onReload={change.reload}
        reloading={change.reloading}
      />
    );
  }
  return showError ? <ErrorNotice error={change.error} title={errorTitle} /> : null;
}
