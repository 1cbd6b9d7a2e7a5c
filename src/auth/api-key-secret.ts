import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PREFIX = 'otk_';
/** Characters of the key kept in clear so people can tell keys apart. */
const VISIBLE_CHARS = 12;

/** A new random API key: 32 random bytes, base64url, with a recognisable prefix. */
export function generateApiKeySecret(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * Keys are 256-bit random values, so a single SHA-256 is enough to make the stored form useless
 * to an attacker (no dictionary to try), and lets a lookup use an index.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function visiblePrefix(secret: string): string {
  return secret.slice(0, VISIBLE_CHARS);
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
