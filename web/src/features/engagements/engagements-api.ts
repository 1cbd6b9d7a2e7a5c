import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap, type QueryOf, type Schema } from '@/shared/api';
import {
  engagementKeys,
  reloadEngagements,
  type Engagement,
} from '@/shared/engagement/engagement-query';
import {
  ConflictError,
  lastEventOf,
  sendUnlessStale,
  type AuditEvent,
} from '@/shared/engagement/stale-change';

export { engagementKeys, useEngagement } from '@/shared/engagement/engagement-query';

export type EngagementListQuery = QueryOf<'/api/v1/engagements', 'get'>;
export type EngagementSort = NonNullable<EngagementListQuery['sort']>;
export type NewEngagement = Schema<'CreateEngagementDto'>;
export type EngagementSummary = Schema<'EngagementSummaryDto'>;
export type EngagementChange = Schema<'UpdateEngagementDto'>;

export function useEngagementList(query: EngagementListQuery) {
  return useQuery({
    queryKey: engagementKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/engagements', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCustomers() {
  return useQuery({
    queryKey: ['customers'],
    queryFn: () => unwrap(api.GET('/api/v1/customers')),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: ['templates'],
    queryFn: () => unwrap(api.GET('/api/v1/templates')),
    staleTime: 5 * 60_000,
  });
}

/**
 * Creates an engagement, with `customer` for a new customer made in the same request: refused,
 * it leaves no customer behind.
 */
export function useCreateEngagement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewEngagement) => unwrap(api.POST('/api/v1/engagements', { body })),
    onSuccess: (created) => {
      queryClient.setQueryData(engagementKeys.one(created.id), created);
      return reloadEngagements(queryClient);
    },
    // A new customer is in the lists now; refused as taken, someone else added it meanwhile, and
    // it is then there to be chosen.
    onSettled: (_created, _error, body) =>
      body.customer ? queryClient.invalidateQueries({ queryKey: ['customers'] }) : undefined,
  });
}

/** Someone else changed the engagement between reading it and saving: what it is now, and who. */
export interface EngagementConflict {
  /** The engagement as the form opened on it. */
  base: Engagement;
  /** The engagement as it is now. */
  current: Engagement;
  /** Its latest audit event (of a task, too: any task change moves the engagement's version). */
  lastEvent: AuditEvent | undefined;
}

async function readConflict(base: Engagement): Promise<EngagementConflict> {
  const id = base.id;
  const [current, lastEvent] = await Promise.all([
    unwrap(api.GET('/api/v1/engagements/{id}', { params: { path: { id } } })),
    lastEventOf((query) =>
      unwrap(
        api.GET('/api/v1/engagements/{engagementId}/audit', {
          params: { path: { engagementId: id }, query },
        }),
      ),
    ),
  ]);
  return { base, current, lastEvent };
}

/**
 * Renames, re-tiers, replaces the contacts of or cancels an engagement, with the ETag it was read
 * with: if someone changed it meanwhile the API answers 412, nothing is overwritten, and the error
 * is a ConflictError<EngagementConflict> saying what the engagement is now.
 */
export function useUpdateEngagement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ engagement, change }: { engagement: Engagement; change: EngagementChange }) =>
      sendUnlessStale(
        () =>
          unwrap(
            api.PATCH('/api/v1/engagements/{id}', {
              params: { path: { id: engagement.id }, header: { 'If-Match': engagement.etag } },
              body: change,
            }),
          ),
        () => readConflict(engagement),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(engagementKeys.one(saved.id), saved);
      return reloadEngagements(queryClient);
    },
    // The page around the form shows the engagement as the conflict found it, as the notice does.
    onError: (error) => {
      if (error instanceof ConflictError) {
        const { current } = error.conflict as EngagementConflict;
        queryClient.setQueryData(engagementKeys.one(current.id), current);
      }
    },
  });
}

/** Reads the engagement again (after a 412: the form then starts from what is there now). */
export function useReloadEngagement() {
  const queryClient = useQueryClient();
  return (id: string) => queryClient.invalidateQueries({ queryKey: engagementKeys.one(id) });
}

/** The engagement's audit history in `order`, a page at a time; optionally one task's. */
export function useEngagementHistory(
  id: string,
  taskKey: string | undefined,
  order: 'oldest' | 'newest',
) {
  return useInfiniteQuery({
    queryKey: [...engagementKeys.audit(id), taskKey ?? null, order],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/engagements/{engagementId}/audit', {
          params: {
            path: { engagementId: id },
            query: { taskKey, order, cursor: pageParam, limit: HISTORY_PAGE },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

const HISTORY_PAGE = 50;
