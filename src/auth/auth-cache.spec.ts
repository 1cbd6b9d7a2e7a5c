import { AuthCache, SourcedCache, type AuthenticatedSession } from './auth-cache';
import type { Principal } from './principal';

const key = (id: string): Principal => ({
  kind: 'key',
  id,
  name: `key ${id}`,
  email: null,
  role: 'STAFF',
  customerId: null,
});

const session = (id: string, userId: string, expiresAt = Date.now() + 3_600_000) =>
  ({
    principal: {
      kind: 'user',
      id: userId,
      name: 'Ann',
      email: 'ann@example.test',
      role: 'STAFF',
      customerId: null,
      sessionId: id,
    },
    csrfHash: 'csrf',
    expiresAt,
  }) satisfies AuthenticatedSession;

describe('AuthCache', () => {
  let cache: AuthCache;
  beforeEach(() => {
    cache = new AuthCache();
    cache.enable();
  });

  it('serves what it stored until the entry is stale', () => {
    cache.storeKey('h1', key('k1'), cache.fillTicket(), 60_000);
    expect(cache.key('h1')).toEqual(key('k1'));
    expect(cache.key('h1', Date.now() + 60_001)).toBeUndefined();
    expect(cache.key('other')).toBeUndefined();
  });

  it('drops a key when its row changes, and only that key', () => {
    cache.storeKey('h1', key('k1'), cache.fillTicket(), 60_000);
    cache.storeKey('h2', key('k2'), cache.fillTicket(), 60_000);
    cache.invalidate('key:k1');
    expect(cache.key('h1')).toBeUndefined();
    expect(cache.key('h2')).toEqual(key('k2'));
  });

  it("drops a session when its row or its user's row changes", () => {
    cache.storeSession('s1', session('s1', 'u1'), cache.fillTicket(), 60_000);
    cache.storeSession('s2', session('s2', 'u1'), cache.fillTicket(), 60_000);
    cache.storeSession('s3', session('s3', 'u2'), cache.fillTicket(), 60_000);
    cache.invalidate('session:s3');
    expect(cache.session('s3')).toBeUndefined();
    cache.invalidate('user:u1');
    expect(cache.session('s1')).toBeUndefined();
    expect(cache.session('s2')).toBeUndefined();
  });

  it('never serves a session past its absolute end, however fresh the entry', () => {
    const ends = Date.now() + 1_000;
    cache.storeSession('s1', session('s1', 'u1', ends), cache.fillTicket(), 60_000);
    expect(cache.session('s1', ends - 1)).toBeDefined();
    expect(cache.session('s1', ends)).toBeUndefined();
  });

  it('does not store what was read before an invalidation (it may predate the change)', () => {
    const ticket = cache.fillTicket();
    cache.invalidate('key:k9');
    cache.storeKey('h1', key('k1'), ticket, 60_000);
    expect(cache.key('h1')).toBeUndefined();
    cache.storeKey('h1', key('k1'), cache.fillTicket(), 60_000);
    expect(cache.key('h1')).toBeDefined();
  });

  it('while off (no notifications), serves and stores nothing; back on, starts empty', () => {
    cache.storeKey('h1', key('k1'), cache.fillTicket(), 60_000);
    const ticket = cache.fillTicket();
    cache.disable();
    expect(cache.key('h1')).toBeUndefined();
    expect(cache.fillTicket()).toBeUndefined();
    cache.storeKey('h2', key('k2'), ticket, 60_000);
    cache.storeKey('h2', key('k2'), cache.fillTicket(), 60_000);
    cache.enable();
    expect(cache.key('h1')).toBeUndefined();
    expect(cache.key('h2')).toBeUndefined();
    expect(new AuthCache().enabled).toBe(false);
  });
});

describe('SourcedCache', () => {
  it('keeps at most its bound, dropping the oldest entry', () => {
    const cache = new SourcedCache<number>(2);
    const later = Date.now() + 60_000;
    cache.set('a', 1, ['x:a'], later);
    cache.set('b', 2, ['x:b'], later);
    cache.set('c', 3, ['x:c'], later);
    expect(cache.size).toBe(2);
    expect(cache.get('a', Date.now())).toBeUndefined();
    expect(cache.get('c', Date.now())).toBe(3);
  });
});
