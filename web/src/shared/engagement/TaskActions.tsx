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
  onDone?: () => void;
}

type Panel = 'status' | 'details';

/** Everything a person may do to a task: mark done, change status or reopen, edit details. */
export function TaskActions({ task, tasks, onDone }: Props) {
  const { data: me } = useMe();
  const [panel, setPanel] = useState<Panel | null>(null);
  const statusButton = useRef<HTMLButtonElement>(null);
  const detailsButton = useRef<HTMLButtonElement>(null);
  if (task.allowedMoves.length === 0) {
    return <p className="muted">The engagement is cancelled: its tasks no longer change.</p>;
  }
  const closed = isClosedTaskStatus(task.status);
  // Open tasks are finished with "Mark done"; a finished one can only be reopened.
  // A customer does not waive alone what WSO2 answers for too (nor move its date, below).
  const others = decidedWith(me?.role, task);
  const moves = (
    closed ? task.allowedMoves : task.allowedMoves.filter((m) => m.status !== 'DONE')
  ).filter((m) => others.length === 0 || m.status !== 'NOT_APPLICABLE');
  const statusTitle = closed ? 'Reopen' : 'Change status';

  const toggle = (next: Panel) => setPanel(panel === next ? null : next);
  const close = (which: Panel) => () => {
    setPanel(null);
    // Back to the button that opened the form, so keyboard users keep their place.
    queueMicrotask(() => (which === 'status' ? statusButton : detailsButton).current?.focus());
  };

  return (
    <div className="task-actions">
      <div className="task-buttons">
        {!closed && <MarkDone task={task} tasks={tasks} onDone={onDone} />}
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
      {panel === 'status' && moves.length > 0 && (
        <StatusForm task={task} moves={moves} title={statusTitle} onClose={close('status')} />
      )}
      {panel === 'details' && (
        <DetailsForm
          task={task}
          dateSetBy={others.length > 0 ? others.map(label).join(' and ') : undefined}
          onClose={close('details')}
        />
      )}
    </div>
  );
}
