import { Link } from 'react-router';
import { isClosedTaskStatus } from '@/shared/api';
import { MarkDone } from '@/shared/engagement/MarkDone';
import { CUSTOMER_PARTY } from '@/shared/engagement/parties';
import { DueDate, TaskStatusBadge } from '@/shared/engagement/TaskBadges';
import type { MyTask } from './my-tasks-api';
import { TableWrap } from '@/shared/ui/TableWrap';

function partOf({ task }: MyTask): string {
  const responsible = task.raci.responsible.some((e) => e.party === CUSTOMER_PARTY);
  const accountable = task.raci.accountable.some((e) => e.party === CUSTOMER_PARTY);
  const joint = [...task.raci.responsible, ...task.raci.accountable].some(
    (e) => e.party !== CUSTOMER_PARTY,
  );
  const part = [responsible && 'Responsible', accountable && 'Accountable']
    .filter(Boolean)
    .join(' and ');
  return joint ? `${part} (jointly)` : part;
}

interface Props {
  tasks: MyTask[];
  /** A task was marked done (its row goes away with its button): e.g. say so, and keep focus. */
  onDone: (task: MyTask) => void;
}

/** The customer's tasks, due soonest first, each with "Mark done" right there. */
export function MyTasksTable({ tasks, onDone }: Props) {
  return (
    <TableWrap label="My tasks">
      <table className="my-tasks stacked">
        <caption className="visually-hidden">My tasks, due soonest first</caption>
        <thead>
          <tr>
            <th scope="col">Due</th>
            <th scope="col">Task</th>
            <th scope="col">Engagement</th>
            <th scope="col">Your part</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((item) => {
            const { task, engagement } = item;
            const tasksByKey = new Map(engagement.tasks.map((t) => [t.key, t]));
            return (
              <tr key={`${engagement.id}:${task.key}`} data-testid="my-task">
                <td data-label="Due">
                  <DueDate
                    dueDate={task.dueDate}
                    overdue={task.overdue}
                    daysOverdue={task.daysOverdue}
                  />
                </td>
                <th scope="row" className="stacked-title">
                  <Link to={`/engagements/${engagement.id}#task-${task.key}`}>{task.title}</Link>
                </th>
                <td data-label="Engagement">{engagement.name}</td>
                <td data-label="Your part">{partOf(item)}</td>
                <td data-label="Status">
                  <TaskStatusBadge status={task.status} />
                  {task.statusReason && (
                    <span className="muted small status-reason">{task.statusReason}</span>
                  )}
                </td>
                <td className="my-task-cell">
                  {/* The flex box inside the cell: a flex cell leaves the table's row (and its border). */}
                  <div className="my-task-action">
                    {!isClosedTaskStatus(task.status) && (
                      <MarkDone task={task} tasks={tasksByKey} onDone={() => onDone(item)} />
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
