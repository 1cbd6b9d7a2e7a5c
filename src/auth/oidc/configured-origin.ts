/**
 * Query parameter the service adds when it sends a browser to the configured address to start
 * single sign-on there. A start that carries it goes on to the provider whatever address the
 * request seems to come from: a proxy that rewrites Host, or hides https without a trusted
 * X-Forwarded-Proto, would otherwise send the browser round in circles.
 */
export const MOVED_PARAMETER = 'moved';
export const MOVED_VALUE = '1';

/**
 * Where a browser that starts single sign-on at another address than OIDC_REDIRECT_URL's (another
 * host name for the same server, another name at a proxy) must start it instead: the same start
 * URL, query kept, on the configured origin. The sign-in's binding cookie belongs to the address
 * it is set on and must come back with the provider's answer to the redirect URL, so both have to
 * be on one origin. Undefined when the request is on that origin already. Only ever the configured
 * origin: nothing of the request's Host ends up in the answer (no open redirect).
 */
export function startOnConfiguredOrigin(
  requestOrigin: string | undefined,
  originalUrl: string,
  redirectUrl: string,
): string | undefined {
  const configured = new URL(redirectUrl);
  if (requestOrigin === configured.origin) return undefined;
  // The start path next to the registered callback (…/auth/oidc/callback → …/auth/oidc/login);
  // the request contributes its query only, never an authority or a path.
  const target = new URL('login', configured);
  target.search = new URL(originalUrl, 'http://start.invalid').search;
  target.searchParams.set(MOVED_PARAMETER, MOVED_VALUE);
  return target.href;
}

/** `?reason=` of the sign-in page that tells a person coming back from the provider they are out. */
export const SIGNED_OUT_REASON = 'signed_out';

/**
 * Where the identity provider sends a browser once it has signed the person out there
 * (post_logout_redirect_uri): the sign-in page next to the registered callback
 * (…/auth/oidc/callback → …/login), saying they are signed out. Registered at the provider like
 * the callback, so it is made of OIDC_REDIRECT_URL alone: nothing of a request's Host.
 */
export function signedOutPage(redirectUrl: string): string {
  const page = new URL('../../login', redirectUrl);
  page.searchParams.set('reason', SIGNED_OUT_REASON);
  return page.href;
}

/**
 * The origin a request was made to, as its Host (or a trusted proxy's X-Forwarded-Host and
 * -Proto) names it; undefined when that is no host at all. Only compared, never used in an answer.
 */
export function originOf(protocol: string, host: string | undefined): string | undefined {
  if (!host) return undefined;
  try {
    return new URL(`${protocol}://${host}`).origin;
  } catch {
    return undefined;
  }
}
