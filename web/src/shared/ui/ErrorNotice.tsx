import { ApiError } from '@/shared/api';

/** A failed call, in words: the API's problem detail (with its request id for support). */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const message =
    problem?.detail || (error instanceof Error ? error.message : 'Something went wrong');
  return (
    <div className="notice notice-error" role="alert">
      {title && <strong>{title}: </strong>}
      {message}
      {problem?.requestId && <span className="muted"> (request {problem.requestId})</span>}
    </div>
  );
}
