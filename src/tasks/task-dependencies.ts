import { isClosed, TaskStatus } from './task-status';

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
