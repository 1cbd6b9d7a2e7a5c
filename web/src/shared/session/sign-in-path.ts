/** Why the sign-in page was opened, when it says so (`?reason=`). */
export const SESSION_ENDED = 'session_ended';

/**
 * The sign-in page, told to come back to `location` afterwards — with its fragment: a link to
 * one task (`/engagements/<id>#task-<key>`) must still land on that task after signing in.
 * `sessionEnded` has the page say why. (No imports: the API client uses it too.)
 */
export function signInPath(
  location: { pathname: string; search: string; hash: string },
  sessionEnded = false,
): string {
  const returnTo = location.pathname + location.search + location.hash;
  const reason = sessionEnded ? `&reason=${SESSION_ENDED}` : '';
  return `/login?returnTo=${encodeURIComponent(returnTo)}${reason}`;
}
