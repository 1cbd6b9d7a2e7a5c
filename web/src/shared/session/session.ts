import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '@/shared/api';

export type Me = ResponseBody<'/api/v1/me', 'get'>;
export type Role = Me['role'];

export const ME_QUERY_KEY = ['me'] as const;

/** The signed-in person (401 → the client sends the browser to /login). */
export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/me')),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** After sign-in the answer is the person: no need to ask again. */
export function rememberMe(queryClient: QueryClient, me: Me): void {
  queryClient.setQueryData(ME_QUERY_KEY, me);
}

/** Where each role starts. */
export function homePath(role: Role): string {
  return role === 'CUSTOMER' ? '/my-tasks' : '/overdue';
}

/**
 * A `returnTo` from the URL, only when it is a path of this app: never another origin
 * (`//evil.example`) nor the sign-in page itself.
 */
export function safeReturnTo(value: string | null): string | undefined {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return undefined;
  }
  // As the browser will read it: URLs drop tabs and line breaks, so "/\t/evil.example" is
  // "//evil.example", another site. Only a path that stays on this origin is followed.
  const url = new URL(value, window.location.origin);
  if (url.origin !== window.location.origin) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example": another site again.
  if (path.startsWith('//') || path.startsWith('/login')) return undefined;
  return path;
}
