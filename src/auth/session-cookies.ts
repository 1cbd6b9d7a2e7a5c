import type { CookieOptions, Request, Response } from 'express';

/** The opaque session id: HttpOnly, so page scripts never see it. */
export const SESSION_COOKIE = 'ot_session';
/** The CSRF token: readable by the web app, which echoes it in X-CSRF-Token. */
export const CSRF_COOKIE = 'ot_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Cookie values of the request (no cookie-parser middleware: two cookies are all we read). */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    const value = part.slice(index + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

function options(request: Request, forceSecure: boolean, httpOnly: boolean): CookieOptions {
  return { httpOnly, sameSite: 'lax', path: '/', secure: forceSecure || request.secure };
}

export function setSessionCookies(
  request: Request,
  response: Response,
  tokens: { session: string; csrf: string },
  maxAgeMs: number,
  forceSecure: boolean,
): void {
  response.cookie(SESSION_COOKIE, tokens.session, {
    ...options(request, forceSecure, true),
    maxAge: maxAgeMs,
  });
  response.cookie(CSRF_COOKIE, tokens.csrf, {
    ...options(request, forceSecure, false),
    maxAge: maxAgeMs,
  });
}

export function clearSessionCookies(
  request: Request,
  response: Response,
  forceSecure: boolean,
): void {
  response.clearCookie(SESSION_COOKIE, options(request, forceSecure, true));
  response.clearCookie(CSRF_COOKIE, options(request, forceSecure, false));
}
