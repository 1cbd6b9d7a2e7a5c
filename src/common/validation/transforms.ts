/** Spaces and invisible format characters (zero-width space, byte-order mark, direction marks). */
const SURROUNDING_BLANKS = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

/**
 * For `@Transform(trim)`: surrounding spaces and invisible characters are dropped before
 * validation ("  " or a lone zero-width space is then empty, so not a reason or a name), and the
 * text is stored in Unicode's composed form (NFC), so "Café" typed on two keyboards is one name —
 * unique names stay unique.
 */
export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? tidyText(value) : value;

/** The text as `trim` keeps it: composed (NFC), without blanks or invisible characters around. */
export function tidyText(text: string): string {
  return text.normalize('NFC').replace(SURROUNDING_BLANKS, '');
}

/**
 * For `@Transform(lowerCase)` on UUIDs: accepted in any case, then used, stored, audited and
 * echoed in lower case, as PostgreSQL gives them back.
 */
export const lowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value;

/**
 * For `@Transform(upperCase)` on party names: `wso2` in a link typed by hand means WSO2, the
 * name templates give it (PARTY_PATTERN).
 */
export const upperCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toUpperCase() : value;

/**
 * For `@Transform(decimalInteger)` on query numbers: only plain decimal digits become a number;
 * anything else (`1e1`, `0x10`, `+5`, ` 5`) stays text and fails `@IsInt()`, where `Number()` would
 * have read it.
 */
export const decimalInteger = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
