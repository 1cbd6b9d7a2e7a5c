import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { onUnauthenticated } from '@/shared/api';
import { ME_QUERY_KEY } from '@/shared/session/session';
import { signInPath } from '@/shared/session/sign-in-path';
import { queryClient } from './query-client';
import { router } from './router';

// A lost session on a read sends the person to sign in, and back here afterwards. The sign-in
// page says the session ended when there was one (not to someone who never signed in).
onUnauthenticated(() => {
  const { location } = router.state;
  if (location.pathname === '/login' || location.pathname.startsWith('/invitations/')) return;
  const hadSession = queryClient.getQueryData(ME_QUERY_KEY) !== undefined;
  queryClient.clear();
  void router.navigate(signInPath(location, hadSession), { replace: true });
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
