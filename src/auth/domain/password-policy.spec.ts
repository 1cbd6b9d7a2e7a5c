import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    'Correct-horse-battery-2',
    'tide pool otter lantern',
    'vX9#mQ2!pL7r',
    'ñandú-jacarandá-2026',
    'Copper-lantern-58-meadow',
    'Vq7-otter-lamp-2931',
    // Common words are fine among others: a passphrase is what NIST recommends.
    'summer-otter-lantern-secret',
  ])('accepts a reasonable password: %s', (password) => {
    expect(passwordProblem(password, { email: 'jane.doe@example.com' })).toBeUndefined();
  });

  it('needs at least 12 characters (counted as code points)', () => {
    expect(passwordProblem('Ab3$efG7kLm')).toMatch(/at least 12/);
    expect(passwordProblem('🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊')).toMatch(/at least 12/);
  });

  it('refuses passwords longer than the maximum', () => {
    expect(passwordProblem('a1B!'.repeat(PASSWORD_MAX_LENGTH / 4 + 1))).toMatch(/at most/);
  });

  it.each(['aaaaaaaaaaaaaa', 'abcabcabcabc', '121212121212', 'abcdefghijklm', '098765432109'])(
    'refuses a repeated or sequential pattern: %s',
    (password) => {
      expect(passwordProblem(password)).toMatch(/too easy/);
    },
  );

  it.each(['qwertyuiopasdf', 'ZYXWVUTSRQPONM'])('refuses keyboard and alphabet runs: %s', (p) => {
    expect(passwordProblem(p)).toMatch(/too easy/);
  });

  it.each(['password1234', 'PASSWORD1234', 'Password2024!', '!!welcome2026!!', 'iloveyou1234'])(
    'refuses common passwords, whatever their case: %s',
    (password) => {
      expect(passwordProblem(password)).toMatch(/too common/);
    },
  );

  // Found by an outside tester: each accepted although the rule says "not a repeated or
  // sequential pattern".
  it.each([
    ['111111222222', /sequence/],
    ['adminadmin12', /common word and something repeated/],
    ['zxcvbnm123456', /sequence/],
    ['Passw0rd!Passw0rd!', /common word/],
    ['Summer2026Summer', /common word/],
    ['Qwerty!Qwerty!', /common word|sequence/],
    // Found by a second tester: one odd character among a run of the same one.
    ['aaaaaaaaaaab', /sequence/],
    ['111111111112', /sequence/],
    ['abcabcabcabcX', /repeated|sequence/],
    [`${' '.repeat(5)}x${' '.repeat(10)}`, /sequence/],
    [`${'\t'.repeat(12)}x`, /sequence/],
  ])('refuses a password made of little but guessable parts: %s', (password, parts) => {
    expect(passwordProblem(password, { email: 'pwtest@globex.example' })).toEqual(
      expect.stringMatching(/^is too easy to guess/),
    );
    expect(passwordProblem(password, { email: 'pwtest@globex.example' })).toMatch(parts);
  });

  it("refuses the account's own words with little else: its email's domain, its customer's name", () => {
    const globex = { email: 'pwtest@globex.example', names: ['Pat Test', 'Globex'] };
    expect(passwordProblem('Globex1234567', globex)).toBe(
      'is too easy to guess: it is little more than a word from your email address, your name or your organisation and a sequence such as 1234 or qwerty',
    );
    expect(passwordProblem('globex.example2026', globex)).toMatch(/your organisation.*a year/);
    const acme = { email: 'ana@acme.example', names: ['Ana', 'Acme Corporation'] };
    expect(passwordProblem('Acme12345678', acme)).toMatch(/too easy to guess/);
    expect(passwordProblem('Corporation2026!', acme)).toMatch(/too easy to guess/);
    // Without that context they are only unusual strings.
    expect(passwordProblem('Globex-otter-1234567')).toBeUndefined();
  });

  it('refuses a password that contains the name part of the email, and says which', () => {
    expect(passwordProblem('my-JaneDoe-secret', { email: 'janedoe@example.com' })).toBe(
      'must not contain the name part of your email address ("janedoe")',
    );
    expect(passwordProblem('my-JaneDoe-secret', { email: 'jane.doe@example.com' })).toMatch(
      /"jane\.doe"/,
    );
    expect(passwordProblem('smith-garden-river-9', { email: 'john.smith@globex.example' })).toMatch(
      /"smith"/,
    );
    expect(passwordProblem('Birch-ana-osprey-31', { email: 'ana@acme.example' })).toMatch(/"ana"/);
    expect(passwordProblem('my-JaneDoe-secret', { email: 'jd@example.com' })).toBeUndefined();
    expect(passwordProblem('my-JaneDoe-secret')).toBeUndefined();
  });

  it('does not take a short name part inside a longer word for the name', () => {
    // "ana" is in "canal", "al" in "calm": neither is the person's name.
    expect(passwordProblem('Birch-canal-osprey-31', { email: 'ana@acme.example' })).toBeUndefined();
    expect(passwordProblem('Totally-calm-river-8', { email: 'al@globex.example' })).toBeUndefined();
  });
});
