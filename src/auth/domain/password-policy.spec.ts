import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    'Correct-horse-battery-2',
    'tide pool otter lantern',
    'vX9#mQ2!pL7r',
    'ñandú-jacarandá-2026',
  ])('accepts a reasonable password: %s', (password) => {
    expect(passwordProblem(password, 'jane.doe@example.com')).toBeUndefined();
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

  it('refuses a password that contains the email local part', () => {
    expect(passwordProblem('my-JaneDoe-secret', 'janedoe@example.com')).toMatch(/email/);
    expect(passwordProblem('my-JaneDoe-secret', 'jd@example.com')).toBeUndefined();
    expect(passwordProblem('my-JaneDoe-secret')).toBeUndefined();
  });
});
