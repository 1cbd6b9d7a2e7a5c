import { useId } from 'react';
import { label } from '@/shared/format/labels';
import { TaskChangeProblem } from './ConflictNotice';
import type { Task } from './engagement-query';
import { useTaskChange } from './task-changes';

interface Props {
  task: Task;
  /** Task titles by key, to name the open dependencies. */
  titles: ReadonlyMap<string, string>;
  /** After the task is done (the button goes away): e.g. move focus to the task. */
  onDone?: () => void;
}

/** Why "Mark done" cannot be used now, or undefined when it can. */
export function markDoneRefusal(task: Task, titles: ReadonlyMap<string, string>) {
  if (!task.allowedMoves.some((move) => move.status === 'DONE')) {
    return task.status === 'BLOCKED'
      ? 'Blocked: move it back to In progress first'
      : `Not possible while ${label(task.status).toLowerCase()}`;
  }
  if (task.openDependencies.length > 0) {
    return `Waiting for ${task.openDependencies.map((key) => titles.get(key) ?? key).join(', ')}`;
  }
  return undefined;
}

/**
 * "Mark done" for an open task: disabled, with the reason next to it, while the API would refuse
 * it (open dependencies, a blocked task). A 412 shows what changed instead of trying again.
 */
export function MarkDone({ task, titles, onDone }: Props) {
  const change = useTaskChange();
  const reasonId = useId();
  const refusal = markDoneRefusal(task, titles);
  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={refusal !== undefined || change.isPending}
        aria-describedby={refusal ? reasonId : undefined}
        onClick={() =>
          // Not mutate's onSuccess: this button is gone (the task is done) before it would run.
          change.mutateAsync({ kind: 'complete', base: task }).then(onDone, () => undefined)
        }
      >
        Mark done<span className="visually-hidden">: {task.title}</span>
      </button>
      {refusal && (
        <span id={reasonId} className="disabled-reason">
          {refusal}
        </span>
      )}
      <TaskChangeProblem change={change} attempted="mark it done" errorTitle="Not marked done" />
    </>
  );
}
