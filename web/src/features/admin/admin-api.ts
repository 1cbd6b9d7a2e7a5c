import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap, type QueryOf, type RequestBody, type Schema } from '@/shared/api';

export type User = Schema<'UserDto'>;
export type AccountEvent = Schema<'AccountEventDto'>;
export type UserQuery = QueryOf<'/api/v1/users', 'get'>;
export type NewUser = RequestBody<'/api/v1/users', 'post'>;
export type UserChange = RequestBody<'/api/v1/users/{id}', 'patch'>;
export type ApiKey = Schema<'ApiKeyDto'>;
export type NewApiKey = RequestBody<'/api/v1/api-keys', 'post'>;
export type Notification = Schema<'NotificationDto'>;
export type NotificationQuery = QueryOf<'/api/v1/notifications', 'get'>;

// Everything about people sits under `users`, so a change to one refreshes the list, the person
// and their history together.
const keys = {
  users: ['admin', 'users'] as const,
  user: (id: string) => ['admin', 'users', 'one', id] as const,
  apiKeys: ['admin', 'api-keys'] as const,
  notifications: ['admin', 'notifications'] as const,
};

export function useCustomers() {
  return useQuery({
    queryKey: ['customers'],
    queryFn: () => unwrap(api.GET('/api/v1/customers')),
  });
}

export function useUsers(query: UserQuery) {
  return useQuery({
    queryKey: [...keys.users, query],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: keys.user(id),
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
  });
}

const HISTORY_PAGE = 50;

/** The person's account history, latest first: what an action just did is on top. */
export function useAccountHistory(id: string) {
  return useInfiniteQuery({
    queryKey: [...keys.user(id), 'history'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/users/{id}/history', {
          params: {
            path: { id },
            query: { order: 'newest', cursor: pageParam, limit: HISTORY_PAGE },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Ends every session of the person (they may sign in again). */
export function useEndSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/users/{id}/sessions', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useInviteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useChangeUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserChange }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

/** Unbinds the person's account from its single sign-on identity (the next SSO binds again). */
export function useUnlinkSso() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/users/{id}/sso-identity', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useNewInvitationLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: User) =>
      unwrap(api.POST('/api/v1/users/{id}/invitation', { params: { path: { id: user.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => unwrap(api.GET('/api/v1/api-keys')),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewApiKey) => unwrap(api.POST('/api/v1/api-keys', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useNotifications(query: NotificationQuery) {
  return useQuery({
    queryKey: [...keys.notifications, query],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useRetryNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/notifications/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.notifications }),
  });
}
