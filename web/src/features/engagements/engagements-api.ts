import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type QueryOf, type Schema } from '@/shared/api';

export type EngagementListQuery = QueryOf<'/api/v1/engagements', 'get'>;
export type EngagementSort = NonNullable<EngagementListQuery['sort']>;
export type NewEngagement = Schema<'CreateEngagementDto'>;
export type NewCustomer = Schema<'CreateCustomerDto'>;
export type EngagementSummary = Schema<'EngagementSummaryDto'>;

export const engagementKeys = {
  all: ['engagements'] as const,
  list: (query: EngagementListQuery) => ['engagements', 'list', query] as const,
  one: (id: string) => ['engagements', 'one', id] as const,
};

export function useEngagementList(query: EngagementListQuery) {
  return useQuery({
    queryKey: engagementKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/engagements', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useEngagement(id: string) {
  return useQuery({
    queryKey: engagementKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/engagements/{id}', { params: { path: { id } } })),
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

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCustomer) => unwrap(api.POST('/api/v1/customers', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers'] }),
  });
}

export function useCreateEngagement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewEngagement) => unwrap(api.POST('/api/v1/engagements', { body })),
    onSuccess: (created) => {
      queryClient.setQueryData(engagementKeys.one(created.id), created);
      return queryClient.invalidateQueries({ queryKey: engagementKeys.all });
    },
  });
}
