import { ApiError, type Problem } from '@/shared/api';
import { fieldName } from '@/shared/format/labels';
import { signInPath } from '@/shared/session/sign-in-path';

/**
 * The fields an invalid request names, as the form labels them: "check contacts[0].email" read as
 * code to people, who see "Customer contact 1 email".
 */
function detailInWords(problem: Problem, labelOf: (path: string) => string | undefined): string {
  return problem.detail.replace(
    /^(Invalid request: check )(.+?)( \(and \d+ more problems?\))?$/,
    (_, lead: string, fields: string, more = '') =>
      `${lead}${fields
        .split(', ')
        .map((path) => labelOf(path) ?? fieldName(path))
        .join(', ')}${more}`,
  );
}

/** A failed call, in words: the API's problem detail (with its request id for support). */
export function ErrorNotice({
  error,
  title,
  fieldLabel = () => undefined,
}: {
  error: unknown;
  title?: string;
  /** The form's label of an API field path, where the generic wording would not match it. */
  fieldLabel?: (path: string) => string | undefined;
}) {
  if (!error) return null;
  if (error instanceof ApiError && error.sessionEnded) {
    return error.read ? (
      <SessionEndedNotice
        lead="Your session has ended, so this could not be loaded."
        then="try again here"
      />
    ) : (
      <SessionEndedNotice />
    );
  }
  const problem = error instanceof ApiError ? error.problem : undefined;
  const message =
    (problem?.detail && detailInWords(problem, fieldLabel)) ||
    (error instanceof Error ? error.message : 'Something went wrong');
  return (
    <div className="notice notice-error" role="alert">
      {title && <strong>{title}: </strong>}
      {message}
      {problem?.requestId && <span className="muted"> (request {problem.requestId})</span>}
    </div>
  );
}

/**
 * A save refused because the session ended (signed out in another tab, or idle too long), or, in
 * the app shell, a read refused while a form holds unsaved input. Signing in happens in a new tab,
 * so this page and what was typed into it stay as they are; the session cookie is the browser's,
 * so pressing Save here afterwards goes through.
 */
export function SessionEndedNotice({
  lead = 'Your session has ended, so this was not saved.',
  then = 'save again here',
}: {
  lead?: string;
  then?: string;
}) {
  return (
    <div className="notice notice-error" role="alert">
      {lead}{' '}
      <a href={signInPath(window.location, true)} target="_blank" rel="noopener">
        Sign in again (opens in a new tab)
      </a>
      , then {then}.
    </div>
  );
}
