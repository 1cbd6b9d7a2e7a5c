import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isClosedTaskStatus } from '@/shared/api';
import { pluralize } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { useMe } from '@/shared/session/session';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { ProgressBar } from '@/shared/ui/ProgressBar';
import { MyTasksTable } from './MyTasksTable';
import { useMyEngagements, useMyTasks, type MyTask } from './my-tasks-api';

/**
 * The customer's home: the tasks their party must do or answer for, soonest first, and their
 * engagements. (The API shows a customer only its own; the rest of each engagement is read-only.)
 */
export default function MyTasksPage() {
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const includeFinished = params.get('finished') === 'show';
  const engagements = useMyEngagements();
  const active = (engagements.data?.items ?? []).filter((e) => e.status === 'ACTIVE');
  const mine = useMyTasks(
    active.map((e) => e.id),
    includeFinished,
  );
  // Counted the same with finished tasks shown: they are neither open nor late.
  const open = mine.tasks.filter(({ task }) => !isClosedTaskStatus(task.status)).length;
  const late = mine.tasks.filter(({ task }) => task.overdue).length;
  const [done, setDone] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const markedDone = ({ task }: MyTask) => {
    setDone(`“${task.title}” is done.`);
    // Its row (and the focused button) is gone: focus the message, which is also announced.
    status.current?.focus();
  };

  return (
    <>
      <PageHeader title="My tasks" />
      {me?.customerName && (
        <p className="lead">
          Tasks {me.customerName} is responsible or accountable for
          {open > 0 && (
            <>
              : {pluralize(open, 'open task')}
              {late > 0 && <span className="overdue">, {late} late</span>}
            </>
          )}
          .
        </p>
      )}
      <div className="toolbar">
        <div className="field field-inline">
          <input
            id="my-tasks-finished"
            type="checkbox"
            checked={includeFinished}
            onChange={(e) =>
              // flushSync: the box shows its new state at once, not after a transition.
              setParams(e.target.checked ? { finished: 'show' } : {}, {
                replace: true,
                flushSync: true,
              })
            }
          />
          <label htmlFor="my-tasks-finished">Include finished tasks</label>
        </div>
      </div>
      <p className="done-message" role="status" tabIndex={-1} ref={status}>
        {done}
      </p>
      <ErrorNotice error={engagements.error ?? mine.error} title="Could not load your tasks" />
      {(engagements.isPending || mine.isPending) && <Loading />}
      {!engagements.isPending && !mine.isPending && mine.tasks.length === 0 && (
        <p className="empty">
          {includeFinished ? 'You have no tasks.' : 'Nothing is waiting for you. Well done.'}
        </p>
      )}
      {mine.tasks.length > 0 && <MyTasksTable tasks={mine.tasks} onDone={markedDone} />}

      <h2>Your engagements</h2>
      {engagements.data && engagements.data.items.length === 0 && (
        <p className="empty">You have no engagements yet.</p>
      )}
      <ul className="plain-list">
        {engagements.data?.items.map((e) => (
          <li key={e.id}>
            <Link to={`/engagements/${e.id}`}>{e.name}</Link>
            <span className={`badge badge-${e.status.toLowerCase()}`}>{label(e.status)}</span>
            <ProgressBar percent={e.progress.percent} label={`Progress of ${e.name}`} />
          </li>
        ))}
      </ul>
    </>
  );
}
