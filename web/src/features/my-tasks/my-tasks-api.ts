import { useQueries, useQuery } from '@tanstack/react-query';
import { api, isClosedTaskStatus, unwrap } from '@/shared/api';
import {
  engagementKeys,
  engagementQuery,
  type Engagement,
  type Task,
} from '@/shared/engagement/engagement-query';
import { isCustomerTask } from '@/shared/engagement/parties';

/** More than any one customer has; the API confines the list to the signed-in customer's. */
const ENGAGEMENT_LIMIT = 200;

export interface MyTask {
  task: Task;
  engagement: Engagement;
}

export function useMyEngagements() {
  const query = { limit: ENGAGEMENT_LIMIT, sort: 'nextDue' } as const;
  return useQuery({
    queryKey: engagementKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/engagements', { params: { query } })),
  });
}

/**
 * The customer's tasks: those of their active engagements where their party is Responsible or
 * Accountable, due soonest first. Read from each engagement (a customer has a handful), so the
 * tasks carry what actions need (ETag, allowed moves, open dependencies).
 */
export function useMyTasks(activeIds: string[], includeFinished: boolean) {
  const results = useQueries({ queries: activeIds.map((id) => engagementQuery(id)) });
  const engagements = results.flatMap((r) => (r.data ? [r.data] : []));
  const tasks: MyTask[] = engagements
    .flatMap((engagement) => engagement.tasks.map((task) => ({ task, engagement })))
    .filter(({ task }) => isCustomerTask(task))
    .filter(({ task }) => includeFinished || !isClosedTaskStatus(task.status))
    .sort(
      (a, b) =>
        a.task.dueDate.localeCompare(b.task.dueDate) ||
        a.engagement.name.localeCompare(b.engagement.name) ||
        a.task.position - b.task.position,
    );
  return {
    tasks,
    isPending: results.some((r) => r.isPending),
    error: results.find((r) => r.error)?.error,
  };
}
