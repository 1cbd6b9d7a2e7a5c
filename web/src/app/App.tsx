import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { onUnauthenticated } from '@/shared/api';
import { ME_QUERY_KEY } from '@/shared/session/session';
import { sessionEnded } from '@/shared/session/session-ended';
import { signInPath } from '@/shared/session/sign-in-path';
import { hasUnsavedChanges } from '@/shared/ui/unsaved-changes';
import { queryClient } from './query-client';
import { router } from './router';

// A lost session on a read sends the person to sign in, and back here afterwards. The sign-in
// page says the session ended when there was one (not to someone who never signed in).
// Not while a form holds unsaved input: a background read (a refetch) would throw it away, so
// the page stays and the shell says the session ended, as a refused save does.
onUnauthenticated(() => {
  const { location } = router.state;
  if (location.pathname === '/login' || location.pathname.startsWith('/invitations/')) return;
  if (hasUnsavedChanges()) return sessionEnded.set(true);
  const hadSession = queryClient.getQueryData(ME_QUERY_KEY) !== undefined;
  sessionEnded.set(false);
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
