import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, unwrap, type RequestBody } from '@/shared/api';
import { rememberMe } from '@/shared/session/session';

export type Credentials = RequestBody<'/auth/login', 'post'>;
export type Acceptance = RequestBody<'/auth/invitations/{token}/accept', 'post'>;

export function useProviders() {
  return useQuery({
    queryKey: ['auth', 'providers'],
    queryFn: () => unwrap(api.GET('/auth/providers')),
    staleTime: Infinity,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Credentials) => unwrap(api.POST('/auth/login', { body })),
    onSuccess: (me) => {
      queryClient.clear();
      rememberMe(queryClient, me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/auth/logout')),
    onSettled: () => {
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });
}

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['auth', 'invitation', token],
    queryFn: () => unwrap(api.GET('/auth/invitations/{token}', { params: { path: { token } } })),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Acceptance) =>
      unwrap(api.POST('/auth/invitations/{token}/accept', { params: { path: { token } }, body })),
    onSuccess: (me) => {
      // Nothing of an earlier session stays; the invitation itself does, as the page still shows
      // it: read again it would be a 404, since its link is now used.
      queryClient.removeQueries({
        predicate: (query) => query.queryKey.join('/') !== `auth/invitation/${token}`,
      });
      rememberMe(queryClient, me);
    },
  });
}
