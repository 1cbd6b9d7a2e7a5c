import { useSearchParams } from 'react-router';
import type { EngagementListQuery, EngagementSort } from './engagements-api';
import { ENGAGEMENT_STATUSES, type EngagementStatus } from '@/shared/api';

export const SORTS: { value: EngagementSort; label: string }[] = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
  { value: 'customer', label: 'Customer (A–Z)' },
  { value: 'name', label: 'Name (A–Z)' },
  { value: 'startDate', label: 'Start date' },
  { value: 'progress', label: 'Least progress first' },
  { value: '-overdue', label: 'Most overdue first' },
  { value: 'nextDue', label: 'Next due first' },
];

/** What the list shows without a `sort` in the URL, and asks the API for: the select says so too. */
export const DEFAULT_SORT: EngagementSort = '-createdAt';

/** The list's search, filters and sort live in the URL, so views can be shared and reloaded. */
export function useListFilters() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const sort = params.get('sort');
  const filters = {
    q: params.get('q') ?? '',
    status: ENGAGEMENT_STATUSES.includes(status as EngagementStatus)
      ? (status as EngagementStatus)
      : undefined,
    templateKey: params.get('templateKey') ?? undefined,
    customerId: params.get('customerId') ?? undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    sort: SORTS.find((s) => s.value === sort)?.value ?? DEFAULT_SORT,
  };
  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return { filters, update };
}

export function toListQuery(
  filters: ReturnType<typeof useListFilters>['filters'],
  cursor: string | undefined,
  limit: number,
): EngagementListQuery {
  return {
    q: filters.q || undefined,
    status: filters.status,
    templateKey: filters.templateKey,
    customerId: filters.customerId,
    overdue: filters.overdue,
    sort: filters.sort,
    cursor,
    limit,
  };
}
