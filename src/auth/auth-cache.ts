import type { Principal } from './principal';

interface Entry<T> {
  value: T;
  /** The rows the value was read from, as `<kind>:<id>` (the invalidation payloads). */
  sources: readonly string[];
  /** Date.now() from which the entry is no longer used. */
  freshUntil: number;
}

/** A bounded map whose entries expire, and drop when a row they were read from changes. */
export class SourcedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.freshUntil <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T, sources: readonly string[], freshUntil: number): void {
    this.entries.delete(key);
    // Full: the oldest entry goes (a Map iterates in insertion order).
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { value, sources, freshUntil });
  }

  dropSource(source: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.sources.includes(source)) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A signed-in session as the guard needs it. */
export interface AuthenticatedSession {
  principal: Principal;
  /** SHA-256 of the session's CSRF token, to check X-CSRF-Token against. */
  csrfHash: string;
  /** The session's absolute end (ms since the epoch): checked on every use of the entry. */
  expiresAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Who a key or session cookie belongs to, so a request needs no database round trip to be
 * authenticated. Coherence with the database rests on change notifications (AuthChangeListener):
 * every UPDATE or DELETE of an api_key, app_user or user_session row names the row, and the
 * entries read from it drop. While notifications cannot be received the cache is off — no entry
 * is served or stored — so a missed notification can never leave a revoked key usable.
 *
 * A read that began before an invalidation must not store what it read (it may predate the
 * change): `fillTicket()` before reading, `store…(…, ticket)` after, and the store is skipped when
 * anything was invalidated in between.
 */
export class AuthCache {
  private readonly keys = new SourcedCache<Principal>(MAX_ENTRIES);
  private readonly sessions = new SourcedCache<AuthenticatedSession>(MAX_ENTRIES);
  private generation = 0;
  private on = false;

  get enabled(): boolean {
    return this.on;
  }

  /** Notifications are being received: start caching, from empty. */
  enable(): void {
    this.reset();
    this.on = true;
  }

  /** Notifications may be missed from now on: forget everything and stop caching. */
  disable(): void {
    this.on = false;
    this.reset();
  }

  /** A row changed: `<kind>:<id>` with kind key, user or session. */
  invalidate(source: string): void {
    this.generation++;
    this.keys.dropSource(source);
    this.sessions.dropSource(source);
  }

  /** Undefined when the cache is off: then nothing read may be stored. */
  fillTicket(): number | undefined {
    return this.on ? this.generation : undefined;
  }

  key(hash: string, now = Date.now()): Principal | undefined {
    return this.on ? this.keys.get(hash, now) : undefined;
  }

  storeKey(hash: string, principal: Principal, ticket: number | undefined, ttlMs: number): void {
    if (!this.mayStore(ticket)) return;
    this.keys.set(hash, principal, [`key:${principal.id}`], Date.now() + ttlMs);
  }

  /** The session, unless unknown here or past its absolute end. */
  session(hash: string, now = Date.now()): AuthenticatedSession | undefined {
    const session = this.on ? this.sessions.get(hash, now) : undefined;
    return session && session.expiresAt > now ? session : undefined;
  }

  storeSession(
    hash: string,
    session: AuthenticatedSession,
    ticket: number | undefined,
    ttlMs: number,
  ): void {
    if (!this.mayStore(ticket)) return;
    const sources = [`session:${session.principal.sessionId}`, `user:${session.principal.id}`];
    this.sessions.set(hash, session, sources, Math.min(Date.now() + ttlMs, session.expiresAt));
  }

  private mayStore(ticket: number | undefined): boolean {
    return this.on && ticket !== undefined && ticket === this.generation;
  }

  private reset(): void {
    this.generation++;
    this.keys.clear();
    this.sessions.clear();
  }
}
