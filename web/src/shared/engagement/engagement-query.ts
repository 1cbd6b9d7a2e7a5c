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
  return queryClient.invalidateQueries({ queryKey: engagementKeys.all });
}

/** Read engagements (and everything listing them) again, e.g. after someone else changed one. */
export function reloadEngagements(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: engagementKeys.all });
}
