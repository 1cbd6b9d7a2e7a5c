import {
  decodeCursor,
  encodeCursor,
  isInstant,
  isInt64,
  isUuid,
  MAX_CURSOR_LENGTH,
  readCursor,
  toPage,
} from './cursor';

describe('paging cursors', () => {
  it('round-trips a position, as strings', () => {
    const cursor = encodeCursor({ at: '2026-01-02T03:04:05.678Z', id: 'abc', n: 12 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ['at', 'id', 'n'])).toEqual({
      at: '2026-01-02T03:04:05.678Z',
      id: 'abc',
      n: '12',
    });
  });

  it('carries a 200-character name of multi-byte characters', () => {
    const name = 'Ä"\\'.repeat(67).slice(0, 200);
    const cursor = encodeCursor({ name, id: 'abc' });
    expect(cursor.length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
    expect(decodeCursor(cursor, ['name', 'id'])).toEqual({ name, id: 'abc' });
  });

  it('refuses what is not a cursor of the expected shape', () => {
    expect(decodeCursor('not a cursor!', ['id'])).toBeUndefined();
    expect(decodeCursor(Buffer.from('nope').toString('base64url'), ['id'])).toBeUndefined();
    expect(decodeCursor(encodeCursor({ other: 'x' }), ['id'])).toBeUndefined();
    expect(decodeCursor(Buffer.from('[1]').toString('base64url'), ['id'])).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"id":{}}').toString('base64url'), ['id'])).toBeUndefined();
    expect(decodeCursor(encodeCursor({ id: 'x'.repeat(2000) }), ['id'])).toBeUndefined();
  });
});

describe('readCursor and toPage', () => {
  it('reads a cursor it issued and refuses others with a 400 naming cursor', () => {
    const id = '0b7c9c52-7c1f-4d8e-9a55-2d7f7a1f6a10';
    expect(readCursor(encodeCursor({ id }), { id: (v: string) => v.length === 36 })).toEqual({
      id,
    });
    for (const bad of ['nope!', encodeCursor({ id: 'short' }), encodeCursor({ other: id })]) {
      expect(() => readCursor(bad, { id: (v: string) => v.length === 36 })).toThrow(
        expect.objectContaining({ errors: [{ field: 'cursor', message: expect.any(String) }] }),
      );
    }
  });

  it('shows limit rows and points the next page after the last one shown', () => {
    const rows = [1, 2, 3, 4].map((n) => ({ n }));
    const page = toPage(
      rows,
      3,
      (r: { n: number }) => r.n * 10,
      (r: { n: number }) => ({ n: r.n }),
    );
    expect(page.items).toEqual([10, 20, 30]);
    expect(decodeCursor(page.nextCursor!, ['n'])).toEqual({ n: '3' });
    expect(
      toPage(
        rows,
        4,
        (r: { n: number }) => r.n,
        () => ({}),
      ).nextCursor,
    ).toBeNull();
  });
});

describe('cursor field checks', () => {
  it('isInstant takes only instants as toISOString writes them', () => {
    expect(isInstant('2026-01-02T03:04:05.678Z')).toBe(true);
    for (const bad of [
      '1',
      '2026-01-02',
      '+275760-09-13T00:00:00.000Z',
      '2026-02-30T00:00:00.000Z',
    ]) {
      expect({ bad, ok: isInstant(bad) }).toEqual({ bad, ok: false });
    }
  });

  it('isInt64 stops at the largest bigint', () => {
    expect(isInt64('9223372036854775807')).toBe(true);
    expect(isInt64('9223372036854775808')).toBe(false);
    expect(isInt64('-1')).toBe(false);
  });

  it('isUuid wants 8-4-4-4-12 hex digits', () => {
    expect(isUuid('0b7c9c52-7c1f-4d8e-9a55-2d7f7a1f6a10')).toBe(true);
    expect(isUuid('-'.repeat(36))).toBe(false);
    expect(isUuid('0b7c9c527c1f4d8e9a552d7f7a1f6a10')).toBe(false);
  });

  it('a cursor carrying text PostgreSQL refuses is no cursor of ours', () => {
    expect(decodeCursor(encodeCursor({ k: 'a\u0000' }), ['k'])).toBeUndefined();
    const lone = Buffer.from('{"k":"\\ud800"}').toString('base64url');
    expect(decodeCursor(lone, ['k'])).toBeUndefined();
  });
});
