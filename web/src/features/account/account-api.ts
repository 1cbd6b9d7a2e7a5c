import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type RequestBody, type ResponseBody } from '@/shared/api';
import { rememberMe } from '@/shared/session/session';

export type OwnAccount = ResponseBody<'/api/v1/me/account', 'get'>;
export type PasswordChange = RequestBody<'/api/v1/me/password', 'post'>;

const ACCOUNT_KEY = ['me', 'account'] as const;

export function useOwnAccount() {
  return useQuery({
    queryKey: ACCOUNT_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/me/account')),
  });
}

export function useRename() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.PATCH('/api/v1/me', { body: { name } })),
    onSuccess: (me) => {
      rememberMe(queryClient, me);
      queryClient.setQueryData<OwnAccount>(
        ACCOUNT_KEY,
        (account) => account && { ...account, name: me.name },
      );
      // The name shows wherever people are listed or named (users, histories): read them again.
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    },
  });
}

/** The API ends every other session and gives this one a new id (its cookies come with it). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: PasswordChange) => unwrap(api.POST('/api/v1/me/password', { body })),
  });
}
