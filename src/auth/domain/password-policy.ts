import { COMMON_BASE_WORDS, COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it is no denial-of-service. */
export const PASSWORD_MAX_LENGTH = 256;

/** Who the password is for: words from these are the first an attacker tries on this account. */
export interface PasswordContext {
  email?: string | null;
  /** The person's name, their customer's name. */
  names?: readonly (string | null | undefined)[];
}

// Runs that people type as "random": alphabet, digits and keyboard rows, both ways.
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789'.repeat(PASSWORD_MAX_LENGTH / 10 + 1),
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
].flatMap((run) => [run, [...run].reverse().join('')]);

const isRun = (text: string) => RUNS.some((run) => run.includes(text));

/** A short block said again and again: "abcabcabcabc", "1212121212121". */
function isRepetition(text: string): boolean {
  for (let size = 1; size <= Math.min(4, text.length / 2); size++) {
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

/** The letters (and digits) people use for one another: "p4ssw0rd", "adm1n", "$ecret". */
const LOOKALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'il',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

const spells = (typed: string, letter: string) =>
  typed === letter || (LOOKALIKES[typed]?.includes(letter) ?? false);

/** The alphanumeric words of a text of at least `min` characters: "john.smith" → john, smith. */
const wordsOf = (text: string | null | undefined, min = 3) =>
  (text ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length >= min);

type Part = 'common' | 'personal' | 'sequence' | 'repetition' | 'year' | 'other';

const PART_WORDING: Record<Exclude<Part, 'other'>, string> = {
  common: 'a common word',
  personal: 'a word from your email address, your name or your organisation',
  sequence: 'a sequence such as 1234 or qwerty',
  repetition: 'something repeated',
  year: 'a year',
};

/** Pairs of characters that follow each other in a run ("ab", "ba", "qw", "21"). */
const RUN_STEPS: ReadonlySet<string> = new Set(
  RUNS.flatMap((run) => [...run].slice(1).map((char, i) => run[i] + char)),
);

/** Two characters a run may hold next to each other: a step of a run, or the same one again. */
const continuesRun = (before: string, after: string) =>
  before === after || RUN_STEPS.has(before + after);

/** Repeated blocks longer than this are not looked for: 32 covers any word said twice. */
const MAX_REPEATED_BLOCK = 32;

/**
 * How few guesses the password is made of: it is read as the cheapest sequence of parts an
 * attacker's tools try first — a common or personal word (also spelt with look-alikes), a
 * keyboard or alphabet run of 3 or more, the block before it again, a year — each counting as
 * one, and any other character as one. Returns that count and the kinds of parts, in order.
 */
function guessableParts(chars: readonly string[], words: ReadonlyMap<string, Part>) {
  const n = chars.length;
  const best: { cost: number; from: number; part: Part }[] = [{ cost: 0, from: -1, part: 'other' }];
  for (let i = 1; i <= n; i++) best.push({ cost: Infinity, from: i - 1, part: 'other' });
  const offer = (from: number, to: number, part: Part) => {
    const cost = best[from].cost + 1;
    if (cost < best[to].cost) best[to] = { cost, from, part };
  };
  for (let i = 0; i < n; i++) {
    offer(i, i + 1, 'other');
    for (let j = i + 1; j < n && continuesRun(chars[j - 1], chars[j]); j++) {
      if (j + 1 - i >= 3) offer(i, j + 1, 'sequence');
    }
    if (i + 4 <= n && /^(19|20)\d\d$/.test(chars.slice(i, i + 4).join(''))) offer(i, i + 4, 'year');
    for (let size = 2; size <= Math.min(i, n - i, MAX_REPEATED_BLOCK); size++) {
      let same = true;
      for (let k = 0; k < size && same; k++) same = chars[i - size + k] === chars[i + k];
      if (same) offer(i, i + size, 'repetition');
    }
    for (const [word, part] of words) {
      const letters = [...word];
      if (i + letters.length > n) continue;
      if (letters.every((letter, k) => spells(chars[i + k], letter))) {
        offer(i, i + letters.length, part);
      }
    }
  }
  const parts: Part[] = [];
  for (let at = n; at > 0; at = best[at].from) parts.unshift(best[at].part);
  return { count: best[n].cost, parts: new Set(parts) };
}

/** At most this many parts is too few: "Globex1234567" is two, "adminadmin12" four. */
const MAX_GUESSABLE_PARTS = 4;

/**
 * Why a new password is refused, or undefined when it is acceptable. Length first (NIST SP
 * 800-63B: at least 12 here, no composition rules), then the guesses attackers try first: common
 * passwords, the account's own words, runs and repeats, and passwords made of little else.
 */
export function passwordProblem(
  password: string,
  context: PasswordContext = {},
): string | undefined {
  const chars = [...password.toLowerCase()];
  if (chars.length < PASSWORD_MIN_LENGTH) {
    return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  }
  if (chars.length > PASSWORD_MAX_LENGTH) {
    return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  }
  const lower = chars.join('');
  if (isRepetition(lower) || isRun(lower)) {
    return 'is too easy to guess (a repeated or sequential pattern)';
  }
  if (COMMON_PASSWORDS.has(lower) || isDecoratedCommonWord(lower)) {
    return 'is too common: it is among the first passwords attackers try';
  }
  const namePart = emailNameIn(lower, context.email);
  if (namePart) return `must not contain the name part of your email address ("${namePart}")`;
  const words = new Map<string, Part>([...COMMON_BASE_WORDS].map((word) => [word, 'common']));
  const [local, domain] = (context.email ?? '').split('@');
  for (const word of [local, domain, ...(context.names ?? [])].flatMap((text) => wordsOf(text))) {
    words.set(word, 'personal');
  }
  const { count, parts } = guessableParts(chars, words);
  if (count <= MAX_GUESSABLE_PARTS) {
    const kinds = [...parts].filter((part) => part !== 'other').map((part) => PART_WORDING[part]);
    return `is too easy to guess: it is little more than ${kinds.join(' and ')}`;
  }
  return undefined;
}

/**
 * The name part of the email found in the password: a word of it of 5 or more characters
 * anywhere ("smith" in "smith-garden-9"), a shorter one only as a word of its own ("ana" in
 * "ana-birch-31", not in "canal"), or the whole name part run together ("johnsmith").
 */
function emailNameIn(lower: string, email: string | null | undefined): string | undefined {
  const local = email?.split('@')[0]?.toLowerCase() ?? '';
  const passwordWords = new Set(lower.split(/[^\p{L}]+/u));
  const whole = local.replace(/[^\p{L}\p{N}]+/gu, '');
  if ([...whole].length >= 5 && lower.replace(/[^\p{L}\p{N}]+/gu, '').includes(whole)) {
    return local;
  }
  return wordsOf(local).find((word) =>
    [...word].length >= 5 ? lower.includes(word) : passwordWords.has(word),
  );
}
