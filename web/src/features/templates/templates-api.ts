import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '@/shared/api';

export type TemplateVersion = Schema<'TemplateVersionDto'>;
export type TemplateTask = Schema<'TemplateTaskDto'>;
export type TemplateDiff = Schema<'TemplateDiffDto'>;
export type Raci = Schema<'RaciDto'>;

// Published versions never change: what was read stays true.
const FOREVER = Infinity;

export function useTemplateList() {
  return useQuery({
    queryKey: ['templates'],
    queryFn: () => unwrap(api.GET('/api/v1/templates')),
    staleTime: 5 * 60_000,
  });
}

export function useTemplateVersions(key: string) {
  return useQuery({
    queryKey: ['templates', key, 'versions'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/templates/{key}/versions', { params: { path: { key } } })),
    staleTime: 60_000,
  });
}

/** One version of a template; the latest when `version` is undefined. */
export function useTemplateVersion(key: string, version: number | undefined) {
  return useQuery({
    queryKey: ['templates', key, 'version', version ?? 'latest'],
    queryFn: () =>
      version === undefined
        ? unwrap(api.GET('/api/v1/templates/{key}', { params: { path: { key } } }))
        : unwrap(
            api.GET('/api/v1/templates/{key}/versions/{version}', {
              params: { path: { key, version } },
            }),
          ),
    staleTime: version === undefined ? 60_000 : FOREVER,
    placeholderData: keepPreviousData,
  });
}

export function useTemplateDiff(key: string, versions: { from: number; to: number } | undefined) {
  return useQuery({
    queryKey: ['templates', key, 'diff', versions],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/templates/{key}/versions/{a}/diff/{b}', {
          params: { path: { key, a: versions!.from, b: versions!.to } },
        }),
      ),
    enabled: versions !== undefined,
    staleTime: FOREVER,
  });
}
