import { useRef, useState } from 'react';
import { label } from '@/shared/format/labels';
import type { Role } from '@/shared/api';
import { assigneeText } from '@/shared/engagement/assignee';
import type { Contact, Task } from '@/shared/engagement/engagement-query';
import { mayChangeTask } from '@/shared/engagement/parties';
import { RaciChips } from '@/shared/engagement/RaciChips';
import { TaskActions } from '@/shared/engagement/TaskActions';
import { DueDate, TaskStatusBadge } from '@/shared/engagement/TaskBadges';

interface Props {
  task: Task;
  contacts: readonly Contact[];
  /** Every task of the engagement by key, to name and link dependencies. */
  tasks: ReadonlyMap<string, Task>;
  titles: ReadonlyMap<string, string>;
  role: Role;
  onShowHistory: (taskKey: string) => void;
}

function tierText(tiers: string[] | null): string | null {
  return tiers ? `${tiers.map(label).join(', ')} tier${tiers.length > 1 ? 's' : ''}` : null;
}

/** One task of the engagement: status, due date, who is involved, what to do, and actions. */
export function TaskItem({ task, contacts, tasks, titles, role, onShowHistory }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  // What a save changed, said in words: the badge and the task's lines change silently, and the
  // focus is back on a button (or, once marked done, on the heading) that does not say it. Only
  // while the task is as that save left it: a later change by anyone makes it old news.
  const [said, setSaid] = useState<{ words: string; etag: string } | null>(null);
  const headingId = `task-${task.key}-title`;
  return (
    <li id={`task-${task.key}`} className={task.overdue ? 'task task-late' : 'task'}>
      <article aria-labelledby={headingId}>
        <div className="task-head">
          <h3 id={headingId} ref={heading} tabIndex={-1}>
            <span className="task-position">{task.position}.</span> {task.title}
          </h3>
          <TaskStatusBadge status={task.status} />
          <span className="task-due">
            Due{' '}
            <DueDate dueDate={task.dueDate} overdue={task.overdue} daysOverdue={task.daysOverdue} />
          </span>
        </div>
        {task.statusReason && (
          <p className="task-reason">
            <strong>{label(task.status)}:</strong> {task.statusReason}
          </p>
        )}
        <RaciChips raci={task.raci} contacts={contacts} />
        {task.checklist.length > 0 && (
          <ul className="checklist" aria-label={`Checklist of ${task.title}`}>
            {task.checklist.map((item) => (
              <li key={item.text}>
                {item.text}
                {item.tiers && <span className="muted small"> · {tierText(item.tiers)}</span>}
              </li>
            ))}
          </ul>
        )}
        {task.dependsOn.length > 0 && (
          <p className="task-deps">
            Depends on:{' '}
            {task.dependsOn.map((key, i) => {
              const dependency = tasks.get(key);
              return (
                <span key={key}>
                  {i > 0 && ', '}
                  <a href={`#task-${key}`}>{titles.get(key) ?? key}</a>
                  {dependency && <span className="muted"> ({label(dependency.status)})</span>}
                </span>
              );
            })}
          </p>
        )}
        {(task.assignee || task.note) && (
          <dl className="task-details">
            {task.assignee && (
              <>
                <dt>Assignee</dt>
                <dd>{assigneeText(task.assignee, task.assigneeUser)}</dd>
              </>
            )}
            {task.note && (
              <>
                <dt>Note</dt>
                <dd className="note">{task.note}</dd>
              </>
            )}
          </dl>
        )}
        <p role="status" className="visually-hidden">
          {said?.etag === task.etag ? said.words : ''}
        </p>
        <div className="task-foot">
          {mayChangeTask(role, task) ? (
            <TaskActions
              task={task}
              tasks={tasks}
              onSaved={(saved, words) => setSaid({ words, etag: saved.etag })}
              onDone={() => heading.current?.focus()}
            />
          ) : (
            <p className="muted small">
              Read-only: {task.raci.responsible.map((entry) => label(entry.party)).join(' and ')}{' '}
              {task.raci.responsible.length > 1 ? 'are' : 'is'} responsible for this task.
            </p>
          )}
          <button
            type="button"
            className="link-button small task-history"
            onClick={() => onShowHistory(task.key)}
          >
            History<span className="visually-hidden"> of {task.title}</span>
          </button>
        </div>
      </article>
    </li>
  );
}
