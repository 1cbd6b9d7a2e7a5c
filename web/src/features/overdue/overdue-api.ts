import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type QueryOf } from '@/shared/api';
import { overdueKeys } from '@/shared/engagement/engagement-query';

export type SummaryQuery = QueryOf<'/api/v1/reports/overdue/summary', 'get'>;
export type ItemsQuery = QueryOf<'/api/v1/reports/overdue/items', 'get'>;

export function useOverdueSummary(query: SummaryQuery) {
  return useQuery({
    queryKey: overdueKeys.summary(query),
    queryFn: () => unwrap(api.GET('/api/v1/reports/overdue/summary', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export type OverdueSummary = NonNullable<ReturnType<typeof useOverdueSummary>['data']>;
export type OverdueGroup = OverdueSummary['groups'][number];

export function useOverdueItems(query: ItemsQuery | undefined) {
  return useQuery({
    queryKey: overdueKeys.items(query),
    queryFn: () => unwrap(api.GET('/api/v1/reports/overdue/items', { params: { query: query! } })),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** The full report as CSV, with the same filters (the API's `Accept: text/csv` variant). */
export async function downloadOverdueCsv(query: SummaryQuery, asOf: string): Promise<void> {
  const data = await unwrap(
    api.GET('/api/v1/reports/overdue', {
      params: { query },
      headers: { Accept: 'text/csv' },
      parseAs: 'blob',
    }),
  );
  const filename = `overdue-${asOf}.csv`;
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
