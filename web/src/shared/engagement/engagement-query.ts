import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '@/shared/api';

export type Engagement = Schema<'EngagementDto'>;
export type Task = Schema<'TaskDto'>;
export type Contact = Schema<'ContactDto'>;

/**
 * Query keys of engagement data. Shared because two screens show the same engagement's tasks
 * (the engagement page and the customer's "My tasks"): a change made on one is seen on the other.
 */
export const engagementKeys = {
  all: ['engagements'] as const,
  list: (query: object) => ['engagements', 'list', query] as const,
  one: (id: string) => ['engagements', 'one', id] as const,
  audit: (id: string) => ['engagements', 'audit', id] as const,
};

/**
 * Query keys of the overdue board. What it counts follows from engagements and their tasks, so
 * it is read again with them: a task marked done leaves the board at once, not when the cache's
 * 30 seconds are up.
 */
export const overdueKeys = {
  all: ['overdue'] as const,
  summary: (query: object) => ['overdue', 'summary', query] as const,
  items: (query: object | undefined) => ['overdue', 'items', query] as const,
};

export function engagementQuery(id: string) {
  return {
    queryKey: engagementKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/engagements/{id}', { params: { path: { id } } })),
  };
}

export function useEngagement(id: string) {
  return useQuery(engagementQuery(id));
}

/**
 * After a task changed: show the new task at once, then read the engagement again (its progress
 * and the other tasks' open dependencies follow from it) and its history.
 */
export function taskSaved(queryClient: QueryClient, task: Task): Promise<void> {
  queryClient.setQueryData<Engagement>(engagementKeys.one(task.engagementId), (engagement) =>
    engagement
      ? { ...engagement, tasks: engagement.tasks.map((t) => (t.key === task.key ? task : t)) }
      : engagement,
  );
  return reloadEngagements(queryClient);
}

/**
 * Read engagements (and everything listing or counting them) again, e.g. after a change here or
 * someone else's. The board's counts are dropped rather than kept while they are read again: the
 * next visit waits for the true numbers instead of showing the old ones first.
 */
export async function reloadEngagements(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: engagementKeys.all }),
    queryClient.resetQueries({ queryKey: overdueKeys.all }),
  ]);
}
