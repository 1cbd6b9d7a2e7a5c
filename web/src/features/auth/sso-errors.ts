/** What the `?error=` codes of a refused single sign-on mean, for the person signing in. */
const SSO_ERRORS: Record<string, string> = {
  sso_failed: 'Single sign-on did not complete. Try again, or sign in with your password.',
  sso_not_started:
    'Single sign-on could not be matched to a sign-in started in this browser at this address. ' +
    'Start it again here with “Sign in with SSO”, and finish it within 10 minutes in the same ' +
    'browser.',
  sso_state_mismatch:
    'This single sign-on was started in another tab or browser, or has expired. Start it ' +
    'again here with “Sign in with SSO”.',
  sso_unverified_email:
    'Your identity provider did not confirm your email address, so it cannot be matched to an ' +
    'account here. Ask your administrator to have the provider send a verified email.',
  sso_unknown_user:
    'Your single sign-on account is not registered here. Ask an administrator for an invitation.',
  sso_disabled_user: 'Your account is disabled. Ask an administrator to enable it.',
  sso_identity_mismatch:
    'Your account here is linked to a different single sign-on identity. Ask an administrator.',
  sso_invalid_link:
    'This sign-in link was not used: it is not one this site makes, and could have taken you to ' +
    'another site afterwards. Sign in here instead.',
};

/**
 * Only the service's own codes are explained; anything else in the address gets the general
 * message, never its text: a link could otherwise put "Your password expired, reset it at …" on
 * this page.
 */
export function ssoErrorMessage(code: string | null): string | undefined {
  if (!code) return undefined;
  return Object.hasOwn(SSO_ERRORS, code) ? SSO_ERRORS[code] : SSO_ERRORS.sso_failed;
}
