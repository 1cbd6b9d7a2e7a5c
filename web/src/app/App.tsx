import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { onUnauthenticated } from '@/shared/api';
import { queryClient } from './query-client';
import { router } from './router';

// A lost session anywhere sends the person to sign in, and back here afterwards.
onUnauthenticated(() => {
  const { pathname, search } = router.state.location;
  if (pathname === '/login' || pathname.startsWith('/invitations/')) return;
  queryClient.clear();
  void router.navigate(`/login?returnTo=${encodeURIComponent(pathname + search)}`, {
    replace: true,
  });
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
