import { formatDate, formatDateTime } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import type { TaskConflict, TaskField, useTaskChange } from './task-changes';

const FIELD_NAMES: Record<TaskField, string> = {
  status: 'Status',
  dueDate: 'Due date',
  assignee: 'Assignee',
  note: 'Note',
};

function shown(field: TaskField, value: string | null): string {
  if (value === null || value === '') return '(none)';
  if (field === 'status') return label(value);
  if (field === 'dueDate') return formatDate(value);
  return value;
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
  const { differences, lastEvent } = conflict;
  return (
    <div className="notice notice-conflict" role="alert">
      <p>
        <strong>This task was changed by someone else since you opened it.</strong> Your change (
        {attempted}) was not saved.
      </p>
      {differences.length > 0 ? (
        <dl className="conflict-changes">
          {differences.map((d) => (
            <div key={d.field}>
              <dt>{FIELD_NAMES[d.field]}</dt>
              <dd>
                <del>{shown(d.field, d.before)}</del> → <ins>{shown(d.field, d.after)}</ins>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>Its status, due date, assignee and note are as you saw them (its checklist changed).</p>
      )}
      {lastEvent && (
        <p className="muted">
          Last change by {lastEvent.actor.name} on {formatDateTime(lastEvent.at)}
          {lastEvent.reason && <> — “{lastEvent.reason}”</>}.
        </p>
      )}
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
