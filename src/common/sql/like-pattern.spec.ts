import { containsPattern } from './like-pattern';

describe('containsPattern', () => {
  it('wraps plain text in % wildcards', () => {
    expect(containsPattern('acme')).toBe('%acme%');
  });

  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(containsPattern('50%_off')).toBe('%50\\%\\_off%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
    expect(containsPattern('%')).toBe('%\\%%');
  });
});
