import { useRouteError } from 'react-router';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';

/** A screen that failed to load or render (e.g. a chunk missing after a deploy: reload). */
export function RouteError() {
  const error = useRouteError();
  return (
    <main id="main" className="page">
      <h1 tabIndex={-1}>Something went wrong</h1>
      <ErrorNotice error={error} />
      <p>
        <a href={window.location.pathname}>Reload the page</a>
      </p>
    </main>
  );
}
