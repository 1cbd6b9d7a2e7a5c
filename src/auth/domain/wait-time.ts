/**
 * How long someone must wait, as a person reads it: "899 seconds" is a sum to do, so from a
 * minute on it is whole minutes, rounded up (waiting a little longer than said always works).
 */
export function waitTime(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return whole === 1 ? '1 second' : `${whole} seconds`;
  const minutes = Math.ceil(whole / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
