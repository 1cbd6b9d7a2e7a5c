import { decodeCursor, encodeCursor } from './cursor';

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

  it('refuses what is not a cursor of the expected shape', () => {
    expect(decodeCursor('not a cursor!', ['id'])).toBeUndefined();
    expect(decodeCursor(Buffer.from('nope').toString('base64url'), ['id'])).toBeUndefined();
    expect(decodeCursor(encodeCursor({ other: 'x' }), ['id'])).toBeUndefined();
    expect(decodeCursor(Buffer.from('[1]').toString('base64url'), ['id'])).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"id":{}}').toString('base64url'), ['id'])).toBeUndefined();
  });
});
