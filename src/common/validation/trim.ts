/** For `@Transform(trim)`: surrounding spaces are dropped before validation ("  " is then empty). */
export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
