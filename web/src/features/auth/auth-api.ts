import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, unwrap, type RequestBody } from '@/shared/api';
import { rememberMe } from '@/shared/session/session';
import { SIGNED_OUT_SSO_KEPT } from '@/shared/session/sign-in-path';

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

/**
 * Signs out here, then — after single sign-on — goes on to the identity provider to sign out
 * there too; the provider sends the browser back to the sign-in page (`?reason=signed_out`).
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/auth/logout')),
    onSettled: (answer) => {
      queryClient.clear();
      if (answer?.redirectUrl) {
        // Replacing the sign-out step: Back from the sign-in page does not sign out again.
        window.location.replace(answer.redirectUrl);
        return;
      }
      const reason = answer?.providerSession === 'kept' ? `?reason=${SIGNED_OUT_SSO_KEPT}` : '';
      void navigate(`/login${reason}`, { replace: true });
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
