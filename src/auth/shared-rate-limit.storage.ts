import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { PrismaService } from '../prisma/prisma.service';

/** How often each instance adds its counts to the shared ones and reads theirs back. */
export const FLUSH_INTERVAL_MS = 100;
const SWEEP_INTERVAL_MS = 60_000;

interface Window {
  start: number;
  /** Hits of every instance as of the last flush. */
  shared: number;
  /** Hits here since then. */
  pending: number;
}

/** The window length, which ends every counter id. */
function ttlOf(id: string): number {
  return Number(id.slice(id.lastIndexOf(':') + 1));
}

/**
 * Rate-limit counters every instance sees, kept in PostgreSQL without a database round trip per
 * request: each instance counts locally and, every 100 ms, adds its new hits to the shared
 * fixed-window counter and reads the total back. A client spread over N instances gets the limit
 * once (give or take what arrives within one flush), not N times. If the database is briefly
 * unreachable, counting goes on locally and the hits are added when it is back.
 */
@Injectable()
export class SharedRateLimitStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly windows = new Map<string, Window>();
  private readonly flushTimer: NodeJS.Timeout;
  private readonly sweepTimer: NodeJS.Timeout;
  private flushing = false;

  constructor(private readonly prisma: PrismaService) {
    this.flushTimer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.flushTimer.unref();
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const start = Math.floor(now / ttl) * ttl;
    const id = `${throttlerName}:${key}:${ttl}`;
    let window = this.windows.get(id);
    if (!window || window.start !== start) {
      window = { start, shared: 0, pending: 0 };
      this.windows.set(id, window);
    }
    window.pending += 1;
    const totalHits = window.shared + window.pending;
    const timeToExpire = Math.max(1, Math.ceil((start + ttl - now) / 1000));
    const isBlocked = totalHits > limit;
    return Promise.resolve({
      totalHits,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? timeToExpire : 0,
    });
  }

  /** Adds this instance's new hits to the shared counters and learns the totals. */
  /** When sharing started failing (logged once), while it fails. */
  private failingSince: number | undefined;

  async flush(): Promise<void> {
    if (this.flushing) return;
    // Windows still open are read back even without new hits here: other instances may have
    // added to them, and the next request here must be judged on the shared total.
    const now = Date.now();
    const batch = [...this.windows].filter(([id, w]) => w.pending > 0 || w.start + ttlOf(id) > now);
    if (batch.length === 0 || batch.every(([, w]) => w.pending === 0 && w.shared === 0)) return;
    this.flushing = true;
    const sent = batch.map(([, w]) => w.pending);
    try {
      const { rows } = await this.prisma.pool.query<{ key: string; start: Date; hits: number }>(
        `INSERT INTO rate_limit_counter AS c (key, window_start, hits)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::int[])
         ON CONFLICT (key, window_start) DO UPDATE SET hits = c.hits + EXCLUDED.hits
         RETURNING c.key, c.window_start AS start, c.hits`,
        [batch.map(([id]) => id), batch.map(([, w]) => new Date(w.start)), sent],
      );
      const totals = new Map(rows.map((r) => [`${r.key}@${r.start.getTime()}`, r.hits]));
      batch.forEach(([id, window], i) => {
        window.pending -= sent[i];
        const total = totals.get(`${id}@${window.start}`);
        if (total !== undefined) window.shared = Math.max(window.shared, total);
      });
      if (this.failingSince !== undefined) {
        this.logger.log('Sharing rate-limit counts again');
        this.failingSince = undefined;
      }
    } catch (error) {
      // Flushed every 100 ms: one line when it starts failing, not ten a second for an outage.
      if (this.failingSince === undefined) {
        this.failingSince = now;
        this.logger.warn(`Could not share rate-limit counts (kept locally): ${String(error)}`);
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Forgets finished windows, here and in the database. */
  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const [id, window] of this.windows) {
      if (window.pending === 0 && window.start + ttlOf(id) < now) this.windows.delete(id);
    }
    try {
      await this.prisma.pool.query(
        `DELETE FROM rate_limit_counter WHERE window_start < now() - interval '1 hour'`,
      );
    } catch {
      // The next sweep tries again.
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.flushTimer);
    clearInterval(this.sweepTimer);
  }
}
