/**
 * The password rule the API enforces (src/auth/domain/password-policy.ts), said before anyone
 * types a password, wherever one is chosen; its refusals say which part failed.
 */
export const PASSWORD_RULE =
  'At least 12 characters, and hard to guess: not a common password, not the name part of your email, and not little more than a sequence (1234, qwerty), a repetition, a year or words from your email, name or organisation';
