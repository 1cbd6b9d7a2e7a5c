import { useRef, useState } from 'react';
import { isClosedTaskStatus } from '@/shared/api';
import { label } from '@/shared/format/labels';
import { useMe } from '@/shared/session/session';
import { DetailsForm } from './DetailsForm';
import type { Task } from './engagement-query';
import { MarkDone } from './MarkDone';
import { decidedWith } from './parties';
import { StatusForm } from './StatusForm';

interface Props {
  task: Task;
  /** The engagement's tasks by key (see MarkDone). */
  tasks: ReadonlyMap<string, Task>;
  /** Marked done: the "Mark done" button is gone. */
  onDone?: () => void;
  /** Any change saved, in words to announce: the badge changing says nothing to a screen reader. */
  onSaved?: (saved: Task, words: string) => void;
}

/** "“Network management” is blocked: waiting for the VPN CIDR." */
export function statusWords(task: Task): string {
  const reason = task.statusReason ? `: ${task.statusReason}` : '';
  const sentence = `“${task.title}” is ${label(task.status).toLowerCase()}${reason}`;
  // A reason that ends its own sentence is not given a second full stop.
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
}

type Panel = 'status' | 'details';

/**
 * Everything a person may do to a task: mark done, change status or reopen, edit details. A form
 * once opened keeps what was typed until it is saved or cancelled: switching to the other form,
 * or its button pressed again, only hides it, and it stays on screen (with why it cannot be
 * saved) if the engagement is cancelled meanwhile.
 */
export function TaskActions({ task, tasks, onDone, onSaved }: Props) {
  const { data: me } = useMe();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [opened, setOpened] = useState<ReadonlySet<Panel>>(new Set());
  const statusButton = useRef<HTMLButtonElement>(null);
  const detailsButton = useRef<HTMLButtonElement>(null);
  const closed = isClosedTaskStatus(task.status);
  // Open tasks are finished with "Mark done"; a finished one can only be reopened.
  // A customer does not waive alone what WSO2 answers for too (nor move its date, below).
  const others = decidedWith(me?.role, task);
  const moves = (
    closed ? task.allowedMoves : task.allowedMoves.filter((m) => m.status !== 'DONE')
  ).filter((m) => others.length === 0 || m.status !== 'NOT_APPLICABLE');
  // An open status form keeps the moves it offered when the task can no longer move.
  const offered = useRef(moves);
  if (moves.length > 0) offered.current = moves;
  const statusTitle = closed ? 'Reopen' : 'Change status';
  const cancelled = task.allowedMoves.length === 0;

  const toggle = (next: Panel) => {
    setPanel(panel === next ? null : next);
    setOpened(new Set(opened).add(next));
  };
  const forget = (which: Panel) => {
    const rest = new Set(opened);
    rest.delete(which);
    setOpened(rest);
    if (panel === which) setPanel(null);
  };
  const close = (which: Panel) => () => {
    forget(which);
    // Back to the button that opened the form, so keyboard users keep their place.
    queueMicrotask(() => (which === 'status' ? statusButton : detailsButton).current?.focus());
  };
  const saved = (which: Panel) => (now: Task) => {
    close(which)();
    onSaved?.(now, which === 'status' ? statusWords(now) : `Details of “${now.title}” saved.`);
  };
  // Done: a status form kept hidden was about the status the task no longer has.
  const markedDone = (now: Task) => {
    forget('status');
    onSaved?.(now, `“${now.title}” is done.`);
    onDone?.();
  };
  if (cancelled && opened.size === 0) {
    return <p className="muted">The engagement is cancelled: its tasks no longer change.</p>;
  }

  return (
    <div className="task-actions">
      {cancelled ? (
        <p className="muted">The engagement is cancelled: its tasks no longer change.</p>
      ) : (
        <div className="task-buttons">
          {!closed && <MarkDone task={task} tasks={tasks} onDone={markedDone} />}
          {moves.length > 0 && (
            <button
              type="button"
              ref={statusButton}
              aria-expanded={panel === 'status'}
              onClick={() => toggle('status')}
            >
              {statusTitle}…<span className="visually-hidden">: {task.title}</span>
            </button>
          )}
          <button
            type="button"
            ref={detailsButton}
            aria-expanded={panel === 'details'}
            onClick={() => toggle('details')}
          >
            Edit details…<span className="visually-hidden">: {task.title}</span>
          </button>
        </div>
      )}
      {opened.has('status') && offered.current.length > 0 && (
        <div hidden={panel !== 'status'}>
          <StatusForm
            task={task}
            moves={offered.current}
            title={statusTitle}
            onClose={close('status')}
            onSaved={saved('status')}
          />
        </div>
      )}
      {opened.has('details') && (
        <div hidden={panel !== 'details'}>
          <DetailsForm
            task={task}
            tasks={tasks}
            dateSetBy={others.length > 0 ? others.map(label).join(' and ') : undefined}
            onClose={close('details')}
            onSaved={saved('details')}
          />
        </div>
      )}
    </div>
  );
}
