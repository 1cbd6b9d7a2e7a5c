/** For `@Transform(trim)`: surrounding spaces are dropped before validation ("  " is then empty). */
export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/**
 * For `@Transform(lowerCase)` on UUIDs: accepted in any case, then used, stored, audited and
 * echoed in lower case, as PostgreSQL gives them back.
 */
export const lowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value;
