import { MAX_RETRY_DELAY_MS, nextDeliveryState, retryDelayMs } from './delivery-backoff';

describe('delivery backoff', () => {
  const noJitter = () => 0;

  it('doubles from the base delay after each failed attempt', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 1000, noJitter))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('is capped, even for absurd attempt counts', () => {
    expect(retryDelayMs(30, 1000, noJitter)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(10_000, 1000, noJitter)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('adds at most 10% jitter', () => {
    expect(retryDelayMs(3, 1000, () => 0.99)).toBe(4396);
    expect(retryDelayMs(3, 1000, () => 0.5)).toBe(4200);
  });

  it('is SENT on success, DEAD after the last allowed attempt, else PENDING with a delay', () => {
    expect(nextDeliveryState(true, 5, 5, 1000)).toEqual({ status: 'SENT' });
    expect(nextDeliveryState(false, 5, 5, 1000)).toEqual({ status: 'DEAD' });
    expect(nextDeliveryState(false, 2, 5, 1000, noJitter)).toEqual({
      status: 'PENDING',
      retryInMs: 2000,
    });
  });
});
