import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api';

export function useTemplateList() {
  return useQuery({
    queryKey: ['templates'],
    queryFn: () => unwrap(api.GET('/api/v1/templates')),
    staleTime: 5 * 60_000,
  });
}

export function useTemplate(key: string) {
  return useQuery({
    queryKey: ['templates', key],
    queryFn: () => unwrap(api.GET('/api/v1/templates/{key}', { params: { path: { key } } })),
    staleTime: 5 * 60_000,
  });
}
