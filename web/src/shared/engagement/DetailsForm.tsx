import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '@/shared/api';
import { daysBetween, formatDate, pluralize } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { useMe } from '@/shared/session/session';
import { Field } from '@/shared/ui/Field';
import { assigneeText } from './assignee';
import { TaskChangeProblem } from './ConflictNotice';
import { dependentMoves, type DependentMove } from './dependents';
import type { Task } from './engagement-query';
import { decidedWith, mayChangeTask } from './parties';
import { useTaskChange, type TaskPatch } from './task-changes';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';
import { useUnsavedChanges } from '@/shared/ui/unsaved-changes';

const EDITABLE = ['dueDate', 'assignee', 'note'] as const;
type Editable = (typeof EDITABLE)[number];

/**
 * Due date, assignee and note. Only the fields the person touched are sent, so after a conflict
 * and a reload the other person's values stay and theirs are not overwritten by stale ones.
 */
export function DetailsForm({
  task,
  tasks,
  dateSetBy,
  onClose,
  onSaved,
}: {
  task: Task;
  /** The engagement's tasks by key: those waiting for this one move with a later date. */
  tasks: ReadonlyMap<string, Task>;
  /** Who decides the due date when the person may not (a customer, on a task WSO2 answers for). */
  dateSetBy?: string;
  onClose: () => void;
  /** Saved: the task as it is now (the form closes). */
  onSaved: (saved: Task) => void;
}) {
  const change = useTaskChange();
  const { data: me } = useMe();
  const [edits, setEdits] = useState<Partial<Record<Editable, string>>>({});
  const [reason, setReason] = useState('');
  const assigneeField = useRef<HTMLInputElement>(null);
  const errors = change.error instanceof ApiError ? change.error.fieldErrors : {};
  const formRef = useFocusFirstInvalid<HTMLFormElement>(change.error);
  // An assignee given as a user id reads as the person: the one assigned now, or the signed-in
  // person once they assign themselves (the only people the form knows without a user lookup,
  // which customers may not make).
  const person = (value: string) => {
    if (value !== '' && value === task.assignee && task.assigneeUser) {
      return assigneeText(value, task.assigneeUser);
    }
    if (me?.kind === 'user' && me.email && value === me.id) {
      return assigneeText(value, { name: me.name, email: me.email });
    }
    return value;
  };
  // The reverse: a person's text, as shown, is that person's id (typed over unchanged, or
  // after "Assign to me"), so touching the field does not turn a person into free text.
  const idOf = (text: string) => {
    if (task.assignee && text === person(task.assignee)) return task.assignee;
    if (me?.kind === 'user' && text === person(me.id)) return me.id;
    return text;
  };
  const value = (field: Editable) => {
    const shown = edits[field] ?? task[field] ?? '';
    return field === 'assignee' ? person(shown) : shown;
  };
  const edit = (field: Editable) => (event: { target: { value: string } }) =>
    setEdits({ ...edits, [field]: event.target.value });
  const mayAssignSelf = me?.kind === 'user' && value('assignee') !== person(me.id);

  // What the form would send (also what is unsaved).
  const patch: TaskPatch = {};
  for (const field of EDITABLE) {
    const typed = edits[field];
    const edited = field === 'assignee' && typed !== undefined ? idOf(typed) : typed;
    if (edited === undefined || edited === (task[field] ?? '')) continue;
    if (field === 'dueDate') patch.dueDate = edited;
    else patch[field] = edited.trim() === '' ? null : edited;
  }
  const changed = Object.keys(patch).length > 0;
  // A later date takes the open tasks waiting for it along (said below before saving).
  const moves = patch.dueDate ? dependentMoves(task, patch.dueDate, tasks) : [];
  if (moves.length > 0) patch.moveDependents = true;
  // Refused for tasks this page did not know would move (it was behind): once read again, the
  // notice below names them, and says it better than the refusal at the field.
  const caughtUp =
    moves.length > 0 &&
    change.error instanceof ApiError &&
    (change.error.problem.dependentMoves?.length ?? 0) > 0;
  const why = reason.trim();
  const closeOnEscape = useUnsavedChanges(
    (changed || why !== '') && !change.isPending,
    `Edit details: ${task.title}`,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return onClose();
    change.mutate(
      { kind: 'update', base: task, patch: { ...patch, ...(why ? { reason: why } : {}) } },
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
      aria-label={`Edit details: ${task.title}`}
    >
      <Field
        label="Due date"
        error={caughtUp ? undefined : errors.dueDate}
        hint={dateSetBy && `Set with ${dateSetBy}, who answers for this task: ask them to move it`}
      >
        <input
          type="date"
          value={value('dueDate')}
          onChange={edit('dueDate')}
          required
          readOnly={dateSetBy !== undefined}
          autoFocus={dateSetBy === undefined}
        />
      </Field>
      <div aria-live="polite">
        {moves.length > 0 && (
          <WaitingTasks
            moves={moves}
            days={daysBetween(task.dueDate, patch.dueDate!)}
            decidedBy={others(me?.role, moves)}
          />
        )}
      </div>
      <Field label="Assignee" hint="Who works on it: a name or an email" error={errors.assignee}>
        <input
          ref={assigneeField}
          value={value('assignee')}
          onChange={edit('assignee')}
          maxLength={200}
          autoFocus={dateSetBy !== undefined}
        />
      </Field>
      {mayAssignSelf && (
        // By user id, so the task names the person as their name and email change.
        <button
          type="button"
          className="link-button small assign-self"
          onClick={() => {
            setEdits({ ...edits, assignee: me.id });
            // The button goes once the task is theirs: the focus goes to what it filled in.
            assigneeField.current?.focus();
          }}
        >
          Assign to me
        </button>
      )}
      {/* Staff write notes for the customer too: there is no internal note, and it should not surprise them. */}
      <Field
        label="Note"
        hint={
          me?.role === 'CUSTOMER'
            ? 'Seen by WSO2 and by your colleagues'
            : "Seen by everyone on the engagement, the customer's people included"
        }
        error={errors.note}
      >
        <textarea rows={3} value={value('note')} onChange={edit('note')} maxLength={4000} />
      </Field>
      <Field label="Reason (optional)" error={errors.reason}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <TaskChangeProblem
        change={change}
        attempted="your edits in this form"
        showError={Object.keys(errors).length === 0}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={change.isPending}>
          Save details
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Who decides the due dates of tasks that would move, when the person may not move them. */
function others(role: Parameters<typeof decidedWith>[0], moves: DependentMove[]): string[] {
  const parties = moves.flatMap(({ task }) =>
    role && !mayChangeTask(role, task)
      ? task.raci.accountable.map((entry) => entry.party)
      : decidedWith(role, task),
  );
  return [...new Set(parties)].filter((party) => party !== 'CUSTOMER');
}

/**
 * What a later date does to the tasks waiting for this one, before it is saved: they move as many
 * days with it (none may be due before what it waits for), or, where the person may not move
 * them, who to ask.
 */
function WaitingTasks({
  moves,
  days,
  decidedBy,
}: {
  moves: DependentMove[];
  days: number;
  decidedBy: string[];
}) {
  const count = moves.length;
  const list = (
    <ul>
      {moves.map(({ task, to }) => (
        <li key={task.key}>
          {task.title}: due {formatDate(task.dueDate)} → {formatDate(to)}
        </li>
      ))}
    </ul>
  );
  if (decidedBy.length > 0) {
    const who = decidedBy.map(label).join(' and ');
    return (
      <div className="notice notice-warning">
        <p>
          {count === 1 ? 'A task waits' : `${count} tasks wait`} for this one and would be due
          before it. {who} {decidedBy.length > 1 ? 'decide' : 'decides'} when they are due: ask your{' '}
          {who} contact to move this date, or choose an earlier one.
        </p>
        {list}
      </div>
    );
  }
  return (
    <div className="notice notice-warning">
      <p>
        {count === 1 ? 'A task waits' : `${count} tasks wait`} for this one and would be due before
        it. Saving moves {count === 1 ? 'it' : 'them'} {pluralize(days, 'day')} later too:
      </p>
      {list}
    </div>
  );
}
