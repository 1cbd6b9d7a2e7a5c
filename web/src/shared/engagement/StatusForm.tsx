import { useState, type FormEvent } from 'react';
import { ApiError, type TaskStatus } from '@/shared/api';
import { label } from '@/shared/format/labels';
import { Field } from '@/shared/ui/Field';
import { TaskChangeProblem } from './ConflictNotice';
import type { Task } from './engagement-query';
import { useTaskChange } from './task-changes';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';
import { useUnsavedChanges } from '@/shared/ui/unsaved-changes';

interface Props {
  task: Task;
  /** The moves to offer (the API's allowedMoves, perhaps fewer). */
  moves: Task['allowedMoves'];
  title: string;
  onClose: () => void;
  /** Saved: the task as it is now (the form closes). */
  onSaved: (saved: Task) => void;
}

/** A status change; the reason field says when the API needs one (blocking, N/A, reopening). */
export function StatusForm({ task, moves, title, onClose, onSaved }: Props) {
  const change = useTaskChange();
  // Until the person chooses, the first move: it follows the task if its status changes meanwhile.
  const [chosen, setStatus] = useState<TaskStatus | null>(null);
  const [reason, setReason] = useState('');
  const status = chosen ?? moves[0].status;
  const move = moves.find((m) => m.status === status) ?? moves[0];
  const errors = change.error instanceof ApiError ? change.error.fieldErrors : {};
  const formRef = useFocusFirstInvalid<HTMLFormElement>(change.error);
  const why = reason.trim();
  const closeOnEscape = useUnsavedChanges(
    ((chosen !== null && chosen !== moves[0].status) || why !== '') && !change.isPending,
    `${title}: ${task.title}`,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      {
        kind: 'update',
        base: task,
        patch: { status: move.status, ...(why ? { reason: why } : {}) },
      },
      { onSuccess: onSaved },
    );
  };

  return (
    <form
      ref={formRef}
      className="task-form"
      onSubmit={submit}
      onKeyDown={closeOnEscape(onClose)}
      noValidate
      aria-label={`${title}: ${task.title}`}
    >
      {moves.length > 1 ? (
        <Field label="New status" error={errors.status}>
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as TaskStatus)}
            autoFocus
          >
            {moves.map((m) => (
              <option key={m.status} value={m.status}>
                {label(m.status)}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <p>
          The task goes back to <strong>{label(move.status)}</strong>.
        </p>
      )}
      <Field
        label={move.reasonRequired ? 'Reason' : 'Reason (optional)'}
        hint={move.reasonRequired ? 'Required: it is kept in the history' : undefined}
        error={
          // The API names statuses by code ("NOT_STARTED"); here they are words.
          errors.reason && move.reasonRequired
            ? `Say why it moves from ${label(task.status)} to ${label(move.status)}`
            : errors.reason
        }
      >
        <textarea
          rows={2}
          value={reason}
          required={move.reasonRequired}
          onChange={(e) => setReason(e.target.value)}
          // The first thing to fill in when there is no status to choose.
          autoFocus={moves.length === 1}
        />
      </Field>
      <TaskChangeProblem
        change={change}
        attempted={`status ${label(move.status)}`}
        showError={!errors.reason}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={change.isPending}>
          Save status
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
