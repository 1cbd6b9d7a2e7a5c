import { COMMON_BASE_WORDS, COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it is no denial-of-service. */
export const PASSWORD_MAX_LENGTH = 256;

// Runs that people type as "random": alphabet, digits and keyboard rows, both ways.
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789'.repeat(PASSWORD_MAX_LENGTH / 10 + 1),
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

function isRun(text: string): boolean {
  return RUNS.some((run) => {
    const reversed = [...run].reverse().join('');
    return run.includes(text) || reversed.includes(text);
  });
}

/** A short block said again and again: "abcabcabcabc", "1212121212121". */
function isRepetition(text: string): boolean {
  for (let size = 1; size <= 4; size++) {
    const block = text.slice(0, size);
    if (block.repeat(Math.ceil(text.length / size)).slice(0, text.length) === text) return true;
  }
  return false;
}

/** "Password2024!", "!!welcome!!": a common word dressed in digits and symbols. */
function isDecoratedCommonWord(lower: string): boolean {
  const base = lower.replace(/^[^a-z@]+|[^a-z]+$/g, '');
  return base.length > 0 && COMMON_BASE_WORDS.has(base);
}

/**
 * Why a new password is refused, or undefined when it is acceptable. Length first (NIST SP
 * 800-63B: at least 12 here, no composition rules), then the guesses attackers try first.
 */
export function passwordProblem(password: string, email?: string | null): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  }
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lower = password.toLowerCase();
  if (isRepetition(lower) || isRun(lower)) {
    return 'is too easy to guess (a repeated or sequential pattern)';
  }
  if (COMMON_PASSWORDS.has(lower) || isDecoratedCommonWord(lower)) {
    return 'is too common: it is among the first passwords attackers try';
  }
  const localPart = email?.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 3 && lower.includes(localPart)) {
    return 'must not contain the name part of your email address';
  }
  return undefined;
}
