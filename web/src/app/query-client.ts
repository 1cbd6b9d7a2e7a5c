import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/shared/api';
import { sessionEnded } from '@/shared/session/session-ended';

// A call that went through means the person signed in again (in another tab): the shell no longer
// says the session ended.
const sessionBack = () => sessionEnded.set(false);

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onSuccess: sessionBack }),
  mutationCache: new MutationCache({ onSuccess: sessionBack }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will answer the same again; only network trouble and 5xx are worth one more try.
      retry: (failures, error) =>
        failures < 1 && !(error instanceof ApiError && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});
