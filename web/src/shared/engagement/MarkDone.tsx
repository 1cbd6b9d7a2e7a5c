import { useId } from 'react';
import { label } from '@/shared/format/labels';
import { TaskChangeProblem } from './ConflictNotice';
import type { Task } from './engagement-query';
import { useTaskChange } from './task-changes';

interface Props {
  task: Task;
  /** The engagement's tasks by key, to name the open dependencies and who is doing them. */
  tasks: ReadonlyMap<string, Task>;
  /** After the task is done (the button goes away): e.g. move focus to the task. */
  onDone?: (saved: Task) => void;
}

/**
 * "Remote access for installation (WSO2)": the task this one waits for and whose it is, so the
 * reader knows whom to chase.
 */
function dependencyText(key: string, tasks: ReadonlyMap<string, Task>): string {
  const dependency = tasks.get(key);
  if (!dependency) return key;
  const parties = [...new Set(dependency.raci.responsible.map((entry) => label(entry.party)))];
  return parties.length ? `${dependency.title} (${parties.join(' and ')})` : dependency.title;
}

/** Why "Mark done" cannot be used now, or undefined when it can. */
export function markDoneRefusal(task: Task, tasks: ReadonlyMap<string, Task>) {
  if (!task.allowedMoves.some((move) => move.status === 'DONE')) {
    return task.status === 'BLOCKED'
      ? 'Blocked: move it back to In progress first'
      : `Not possible while ${label(task.status).toLowerCase()}`;
  }
  if (task.openDependencies.length > 0) {
    return `Waiting for ${task.openDependencies.map((key) => dependencyText(key, tasks)).join(', ')}`;
  }
  return undefined;
}

/**
 * "Mark done" for an open task: disabled, with the reason next to it, while the API would refuse
 * it (open dependencies, a blocked task). A 412 shows what changed instead of trying again.
 */
export function MarkDone({ task, tasks, onDone }: Props) {
  const change = useTaskChange();
  const reasonId = useId();
  const refusal = markDoneRefusal(task, tasks);
  const unusable = refusal !== undefined || change.isPending;
  return (
    <>
      {/* aria-disabled, not disabled: a disabled button is skipped by Tab, so a keyboard or
          screen-reader user would never meet it nor hear why it cannot be used (its description),
          and one that was pressed would drop the focus to the page while it saves. */}
      <button
        type="button"
        className="primary"
        aria-disabled={unusable || undefined}
        aria-describedby={refusal ? reasonId : undefined}
        onClick={() => {
          if (unusable) return;
          // Not mutate's onSuccess: this button is gone (the task is done) before it would run.
          change.mutateAsync({ kind: 'complete', base: task }).then(onDone, () => undefined);
        }}
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
