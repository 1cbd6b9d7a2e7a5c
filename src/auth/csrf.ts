import type { Request } from 'express';
import { hashSecretToken, sameSecret } from './domain/secret-token';
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from './session-cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(request: Request): boolean {
  return !SAFE_METHODS.has(request.method.toUpperCase());
}

/** A browser says so when another site made it send the request (Fetch Metadata). */
export function isCrossSite(request: Request): boolean {
  return request.headers['sec-fetch-site']?.toLowerCase() === 'cross-site';
}

/**
 * Double-submit check bound to the session: X-CSRF-Token must equal the ot_csrf cookie, and be
 * the token issued with this very session (a cookie planted by a sibling subdomain will not be).
 */
export function csrfTokenHolds(request: Request, sessionCsrfHash: string): boolean {
  const header = request.headers[CSRF_HEADER];
  const cookie = readCookie(request, CSRF_COOKIE);
  if (typeof header !== 'string' || !header || !cookie) return false;
  return sameSecret(header, cookie) && sameSecret(hashSecretToken(header), sessionCsrfHash);
}
