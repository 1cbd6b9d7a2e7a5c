import { SlidingWindowRateLimitStorage } from './rate-limit-storage';

const MINUTE = 60_000;
const T0 = 1_000 * MINUTE; // the start of a window

describe('SlidingWindowRateLimitStorage', () => {
  it('lets `limit` requests through in a window, then blocks with a Retry-After', () => {
    const storage = new SlidingWindowRateLimitStorage();
    for (let i = 1; i <= 3; i++) {
      expect(storage.hit('k', MINUTE, 3, T0 + i)).toMatchObject({ isBlocked: false, totalHits: i });
    }
    const blocked = storage.hit('k', MINUTE, 3, T0 + 10);
    expect(blocked.isBlocked).toBe(true);
    // Three requests in this window: one is let through again once the next window has begun
    // (3 · (1 − x) < 3 as soon as x > 0).
    expect(blocked.timeToBlockExpire).toBe(60);
    expect(storage.hit('other', MINUTE, 3, T0 + 10).isBlocked).toBe(false);
  });

  it('weighs the previous window by how much of it is still within the last minute', () => {
    const storage = new SlidingWindowRateLimitStorage();
    for (let i = 0; i < 10; i++) storage.hit('k', MINUTE, 10, T0 + 59_000);
    // A quarter into the next window, 75 % of the previous 10 still count: 7.5 of 10.
    const quarter = T0 + MINUTE + MINUTE / 4;
    for (let i = 0; i < 3; i++) expect(storage.hit('k', MINUTE, 10, quarter).isBlocked).toBe(false);
    expect(storage.hit('k', MINUTE, 10, quarter).isBlocked).toBe(true); // 7.5 + 3 ≥ 10
    // Two windows later nothing of it counts.
    expect(storage.hit('k', MINUTE, 10, T0 + 3 * MINUTE).isBlocked).toBe(false);
  });

  it('costs the same whatever the limit: no per-request history is kept', () => {
    const storage = new SlidingWindowRateLimitStorage();
    for (let i = 0; i < 100_000; i++) storage.hit('k', MINUTE, 1_000_000, T0 + (i % MINUTE));
    expect(storage.hit('k', MINUTE, 1_000_000, T0 + 1).totalHits).toBe(100_001);
  });
});
