import type { ThrottlerStorage } from '@nestjs/throttler';

/** What the throttler guard needs back from its storage for each request. */
export interface RateLimitRecord {
  totalHits: number;
  /** Seconds until the current window ends. */
  timeToExpire: number;
  isBlocked: boolean;
  /** Seconds until a request would be let through again (Retry-After); 0 when not blocked. */
  timeToBlockExpire: number;
}

interface Window {
  start: number;
  current: number;
  previous: number;
}

/**
 * Rate limiting at a constant cost per request: a sliding-window counter (the count of the
 * current fixed window plus the previous window's, weighted by how much of it still overlaps the
 * last `ttl`). The storage it replaces kept one timestamp per request for a whole window, and
 * filtered and copied that list on every request: with a limit of thousands per minute that cost
 * grew to a good part of a request.
 */
export class SlidingWindowRateLimitStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord> {
    return Promise.resolve(this.hit(`${throttlerName}\0${key}`, ttl, limit, Date.now()));
  }

  hit(id: string, ttl: number, limit: number, now: number): RateLimitRecord {
    this.sweep(ttl, now);
    const start = now - (now % ttl);
    let window = this.windows.get(id);
    if (!window || window.start !== start) {
      const previous = window && window.start === start - ttl ? window.current : 0;
      window = { start, current: 0, previous };
      this.windows.set(id, window);
    }
    const overlap = 1 - (now - start) / ttl;
    const estimate = window.previous * overlap + window.current;
    const isBlocked = estimate >= limit;
    if (!isBlocked) window.current++;
    const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
    return {
      totalHits: Math.floor(estimate) + 1,
      timeToExpire: seconds(start + ttl - now),
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds(this.untilAllowed(window, ttl, limit) - now) : 0,
    };
  }

  /** When the estimate next falls below the limit, with no further requests. */
  private untilAllowed(window: Window, ttl: number, limit: number): number {
    if (window.current < limit) {
      // previous · (1 − (t − start) / ttl) + current < limit
      return window.start + ttl * (1 - (limit - window.current) / window.previous);
    }
    // In the next window, this window's count is the one that fades.
    return window.start + ttl + ttl * (1 - limit / window.current);
  }

  /** Now and then, forget windows too old to count. */
  private sweep(ttl: number, now: number): void {
    if (now - this.lastSweep < ttl) return;
    this.lastSweep = now;
    for (const [id, window] of this.windows) {
      if (window.start < now - 2 * ttl) this.windows.delete(id);
    }
  }
}
