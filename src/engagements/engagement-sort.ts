import { isCalendarDate } from '../common/domain/calendar-date';
import { isInstant } from '../common/paging/cursor';

/**
 * The orders of the engagement list. `customer` and `name` compare case-insensitively; `nextDue`
 * is the due date of the next due task, engagements without one last. A `-` prefix reverses the
 * order. Ties are broken by engagement id, so every order is total and pages never overlap.
 */
export const ENGAGEMENT_SORT_KEYS = [
  'createdAt',
  'customer',
  'name',
  'startDate',
  'progress',
  'overdue',
  'nextDue',
] as const;
export type EngagementSortKey = (typeof ENGAGEMENT_SORT_KEYS)[number];
export type EngagementSortSpec = EngagementSortKey | `-${EngagementSortKey}`;

export const ENGAGEMENT_SORTS: readonly EngagementSortSpec[] = ENGAGEMENT_SORT_KEYS.flatMap(
  (key) => [key, `-${key}` as const],
);
export const DEFAULT_ENGAGEMENT_SORT: EngagementSortSpec = 'createdAt';

export interface EngagementSort {
  spec: EngagementSortSpec;
  key: EngagementSortKey;
  descending: boolean;
}

export function parseEngagementSort(
  spec: EngagementSortSpec = DEFAULT_ENGAGEMENT_SORT,
): EngagementSort {
  const descending = spec.startsWith('-');
  return { spec, key: (descending ? spec.slice(1) : spec) as EngagementSortKey, descending };
}

const COUNT = /^\d{1,9}$/;

/**
 * Whether `value` can be a sort-key value of `sort` as a cursor carries it: an ISO instant, a
 * (lower-cased) name, a calendar date, a count or a percentage. A next due date may also be
 * `infinity` / `-infinity`, as PostgreSQL writes the endless date that stands for "no task due".
 */
export function isSortValue(sort: EngagementSort, value: string): boolean {
  switch (sort.key) {
    case 'createdAt':
      return isInstant(value);
    case 'customer':
    case 'name':
      return true;
    case 'startDate':
      return isCalendarDate(value);
    case 'progress':
      return COUNT.test(value) && Number(value) <= 100;
    case 'overdue':
      return COUNT.test(value);
    case 'nextDue':
      return isCalendarDate(value) || value === (sort.descending ? '-infinity' : 'infinity');
  }
}
