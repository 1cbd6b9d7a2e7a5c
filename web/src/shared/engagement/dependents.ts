import { isClosedTaskStatus } from '@/shared/api';
import { addDays, daysBetween } from '@/shared/format/dates';
import type { Task } from './engagement-query';

export interface DependentMove {
  task: Task;
  to: string;
}

/**
 * The open tasks a later due date for `task` would leave due before a task they wait for, and
 * where they move: by as many days, through every task that moves (the API's rule, see
 * `moveDependents`). A task already due on or after the new date keeps its own.
 */
export function dependentMoves(
  task: Task,
  to: string,
  tasks: ReadonlyMap<string, Task>,
): DependentMove[] {
  const days = daysBetween(task.dueDate, to);
  if (!(days > 0) || isClosedTaskStatus(task.status)) return [];
  const due = new Map([...tasks.values()].map((t) => [t.key, t.dueDate]));
  due.set(task.key, to);
  const moved = new Set([task.key]);
  const waiting = [task.key];
  const all = [...tasks.values()].sort((a, b) => a.position - b.position);
  while (waiting.length > 0) {
    const prerequisite = waiting.shift()!;
    for (const other of all) {
      if (moved.has(other.key) || isClosedTaskStatus(other.status)) continue;
      if (!other.dependsOn.includes(prerequisite)) continue;
      if (other.dueDate >= due.get(prerequisite)!) continue;
      due.set(other.key, addDays(other.dueDate, days));
      moved.add(other.key);
      waiting.push(other.key);
    }
  }
  return all
    .filter((other) => other.key !== task.key && moved.has(other.key))
    .map((other) => ({ task: other, to: due.get(other.key)! }));
}
