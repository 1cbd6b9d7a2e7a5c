import { addDays, daysBetween, type CalendarDate } from '../common/domain/calendar-date';
import { isClosed, type TaskStatus } from './task-status';

export interface DependencyState {
  key: string;
  status: TaskStatus;
}

/**
 * The tasks named in `dependsOn` that are still open (not DONE or NOT_APPLICABLE), in `dependsOn`
 * order. A key that names no task of the engagement counts as open: it cannot be shown to be done.
 */
export function openDependencies(
  dependsOn: readonly string[],
  tasks: readonly DependencyState[],
): string[] {
  const statusByKey = new Map(tasks.map((task) => [task.key, task.status]));
  return dependsOn.filter((key) => {
    const status = statusByKey.get(key);
    return status === undefined || !isClosed(status);
  });
}

/** A task as moving a due date sees the plan: what it waits for, and when it is due. */
export interface PlannedTask extends DependencyState {
  dueDate: CalendarDate;
  dependsOn: readonly string[];
}

export interface DependentMove {
  key: string;
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * The open tasks a later due date for `changed` would leave due before a task they wait for
 * (directly, or through another task that moves), each moved by as many days as `changed` moved,
 * in the order given. The same number of days, not just up to the prerequisite's new date: the
 * plan gave each of them time after what it waits for (the template's offsets), and "due the day
 * its prerequisite is due" would leave none. A dependent already due on or after its
 * prerequisite's new date keeps its date (the time it had in hand absorbs the move), and so does
 * every task waiting only for it. Closed tasks never move, and nothing waits for a closed task:
 * moving the date of one that is done moves nothing else. An earlier date moves nothing.
 */
export function dependentMoves(
  changed: { key: string; status: TaskStatus; from: CalendarDate; to: CalendarDate },
  tasks: readonly PlannedTask[],
): DependentMove[] {
  const days = daysBetween(changed.from, changed.to);
  if (days <= 0 || isClosed(changed.status)) return [];
  const due = new Map(tasks.map((task) => [task.key, task.dueDate]));
  due.set(changed.key, changed.to);
  const moved = new Set([changed.key]);
  const waiting = [changed.key];
  while (waiting.length > 0) {
    const prerequisite = waiting.shift()!;
    for (const task of tasks) {
      if (moved.has(task.key) || isClosed(task.status)) continue;
      if (!task.dependsOn.includes(prerequisite)) continue;
      if (task.dueDate >= due.get(prerequisite)!) continue;
      due.set(task.key, addDays(task.dueDate, days));
      moved.add(task.key);
      waiting.push(task.key);
    }
  }
  return tasks
    .filter((task) => task.key !== changed.key && moved.has(task.key))
    .map((task) => ({ key: task.key, from: task.dueDate, to: due.get(task.key)! }));
}
