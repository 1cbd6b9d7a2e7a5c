/** Why the sign-in page was opened, when it says so (`?reason=`). */
export const SESSION_ENDED = 'session_ended';
/** Back from signing out at the identity provider (the service's post_logout_redirect_uri). */
export const SIGNED_OUT = 'signed_out';
/** Signed out here after single sign-on, but the identity provider's session could not be ended. */
export const SIGNED_OUT_SSO_KEPT = 'signed_out_sso_kept';

/**
 * Navigation state that has the sign-in page sign the person out. Signing out is a way off the
 * page like any other, so a form holding unsaved input asks first (useUnsavedChanges), and
 * "Stay" keeps the session as well as the form.
 */
export const SIGN_OUT = { signOut: true } as const;

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
