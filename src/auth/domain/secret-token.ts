import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { tidyText } from '../../common/validation/transforms';

/** 256 random bits, base64url: session ids, CSRF tokens and invitation links. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The stored form of a token. Tokens are 256-bit random values, so one SHA-256 makes a stolen
 * table useless (there is no dictionary to try) while a lookup can still use an index.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Only strings that newSecretToken could have produced are worth a database lookup. */
export function isSecretTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Compares two strings without leaking, by timing, where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}

/** Emails are kept trimmed and lower-case: one person, one account, whatever they type. */
export function normaliseEmail(email: string): string {
  // As invitations store it: an address pasted with a zero-width space still signs in.
  return tidyText(email).toLowerCase();
}
