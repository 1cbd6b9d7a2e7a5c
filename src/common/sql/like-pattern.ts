/**
 * A LIKE / ILIKE pattern matching values that contain `text` literally: the wildcards `%` and `_`
 * and the escape character `\` (PostgreSQL's default, also named with ESCAPE '\') are escaped, so a
 * search for "50%_off" finds exactly that.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
