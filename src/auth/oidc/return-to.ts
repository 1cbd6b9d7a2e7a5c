import { SignInError } from '../../common/errors/domain-errors';

/** Where a browser lands after signing in when it did not ask for a page. */
export const DEFAULT_RETURN_TO = '/';
const MAX_LENGTH = 2048;

/**
 * True for a path on this site (`/engagements?x=1#top`), false for anything a browser could
 * resolve to another origin: `//evil.example`, `/\evil.example` (browsers read `\` as `/`),
 * `https://…`, `javascript:…`, or a path hiding a tab or newline (browsers drop those, so
 * `/\t/evil.example` becomes `//evil.example`).
 */
export function isSameSiteReturnTo(value: string): boolean {
  if (value.length === 0 || value.length > MAX_LENGTH) return false;
  if (!value.startsWith('/') || value.startsWith('//')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return false;
  const base = 'http://same-site.invalid';
  try {
    return new URL(value, base).origin === base;
  } catch {
    return false;
  }
}

/**
 * Hands a refused sign-in the page it was opening, so that the sign-in page keeps it for the next
 * attempt: only a path on this site (checked again: it goes into a redirect), and not the
 * default, for which the sign-in page picks the person's home page itself.
 */
export function keepingReturnTo(error: unknown, returnTo: string | undefined): unknown {
  if (
    error instanceof SignInError &&
    returnTo !== undefined &&
    returnTo !== DEFAULT_RETURN_TO &&
    isSameSiteReturnTo(returnTo)
  ) {
    error.returnTo = returnTo;
  }
  return error;
}
