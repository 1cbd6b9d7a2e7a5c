import { RequestValidationError } from '../errors/domain-errors';
import { unstorableText } from '../http/input-limits';

/**
 * Opaque paging cursors: the sort key of the last row of a page, as base64url JSON. Clients pass
 * them back unchanged; readCursor refuses anything else as a bad request. A sort key can be a name
 * (up to 200 characters, possibly multi-byte), hence room for 2,048 characters.
 */
export const MAX_CURSOR_LENGTH = 2048;

export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position in a cursor, or undefined when it is not one of ours (or lacks a field). */
export function decodeCursor<K extends string>(
  cursor: string,
  fields: readonly K[],
): Record<K, string> | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const result = {} as Record<K, string>;
  for (const field of fields) {
    const value = (parsed as Record<string, unknown>)[field];
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    // A tampered cursor can carry text PostgreSQL refuses; ours never do.
    if (typeof value === 'string' && unstorableText(value)) return undefined;
    result[field] = String(value);
  }
  return result;
}

/**
 * The position in a cursor this service issued, each field checked by its `valid` test; anything
 * else is refused as a bad request naming `cursor`.
 */
export function readCursor<K extends string>(
  cursor: string,
  valid: Record<K, (value: string) => boolean>,
): Record<K, string> {
  const fields = Object.keys(valid) as K[];
  const position = decodeCursor(cursor, fields);
  if (!position || !fields.every((field) => valid[field](position[field]))) {
    throw new RequestValidationError('The cursor is not valid', [
      { field: 'cursor', message: 'must be a nextCursor value returned by this endpoint' },
    ]);
  }
  return position;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A page from up to `limit + 1` rows read in page order: the extra row only says that more follow,
 * and the next page starts after the position of the last row shown.
 */
export function toPage<R, T>(
  rows: readonly R[],
  limit: number,
  map: (row: R) => T,
  positionOf: (row: R) => Record<string, string | number>,
): Page<T> {
  const shown = rows.slice(0, limit);
  return {
    items: shown.map(map),
    nextCursor: rows.length > limit ? encodeCursor(positionOf(shown[shown.length - 1])) : null,
  };
}

export { isUuid } from '../domain/uuid';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * An instant as this service writes it (`toISOString()`, four-digit year), which PostgreSQL
 * reads back exactly; not "1" or a year JavaScript or PostgreSQL cannot hold.
 */
export const isInstant = (value: string) => {
  if (!ISO_INSTANT.test(value)) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
};

const MAX_INT64 = 9_223_372_036_854_775_807n;

/** A positive 64-bit integer in plain digits (a bigint id). */
export const isInt64 = (value: string) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_INT64;
