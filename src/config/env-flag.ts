/** A true/false variable's value, whatever its case: true/1/yes, false/0/no; otherwise undefined. */
export function parseFlag(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  return undefined;
}

export const flagProblem = (name: string, value: string) =>
  `${name} must be true or false (got "${value}")`;
