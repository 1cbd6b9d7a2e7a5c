/**
 * When to try a failed webhook delivery again: exponential backoff from a base delay, capped, with
 * a little random jitter so many notifications failing together do not retry in lockstep.
 */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** Jitter adds up to this fraction of the delay. */
export const JITTER_FRACTION = 0.1;

/** Delay before the next try after `attempts` failed attempts (attempts >= 1). */
export function retryDelayMs(
  attempts: number,
  baseMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^40 already exceeds any cap; clamping avoids Infinity for absurd attempt counts.
  const delay = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.min(exponent, 40));
  return Math.round(delay + delay * JITTER_FRACTION * random());
}

export type DeliveryOutcome =
  { status: 'SENT' } | { status: 'PENDING'; retryInMs: number } | { status: 'DEAD' };

/**
 * What becomes of a notification after one more attempt (`attempts` counts it): SENT on success,
 * DEAD once `maxAttempts` attempts have failed, otherwise another try after a backoff.
 */
export function nextDeliveryState(
  succeeded: boolean,
  attempts: number,
  maxAttempts: number,
  baseMs: number,
  random: () => number = Math.random,
): DeliveryOutcome {
  if (succeeded) return { status: 'SENT' };
  if (attempts >= maxAttempts) return { status: 'DEAD' };
  return { status: 'PENDING', retryInMs: retryDelayMs(attempts, baseMs, random) };
}
