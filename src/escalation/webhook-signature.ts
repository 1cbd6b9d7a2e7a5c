import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signing: `X-Signature: sha256=<hex HMAC-SHA256 of "<X-Timestamp>.<raw body>">`.
 * Covering the timestamp lets a receiver refuse old requests replayed later.
 */
export const SIGNATURE_PREFIX = 'sha256=';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `${SIGNATURE_PREFIX}${mac}`;
}

export interface SignatureCheck {
  secret: string;
  /** The `X-Signature` header as received. */
  signature: string | undefined;
  /** The `X-Timestamp` header as received (unix seconds). */
  timestamp: string | undefined;
  /** The raw request body, exactly as received. */
  body: string;
  /** How far the timestamp may be from `nowSeconds`; default five minutes. */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

/** What a receiver does: true only for a matching signature over a fresh timestamp. */
export function verifyWebhookSignature(check: SignatureCheck): boolean {
  const { signature, timestamp } = check;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = check.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (check.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(check.secret, Number(timestamp), check.body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
