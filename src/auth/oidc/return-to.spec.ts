import {
  SignInFailedError,
  SignInRefusedError,
  SignInUnavailableError,
} from '../../common/errors/domain-errors';
import { isSameSiteReturnTo, keepingReturnTo } from './return-to';

describe('isSameSiteReturnTo', () => {
  it.each([
    '/',
    '/engagements',
    '/engagements/1?tab=tasks#audit',
    '/a/../b',
    '/%2F%2Fx',
    '/?next=//x',
  ])('accepts the same-site path %s', (value) => expect(isSameSiteReturnTo(value)).toBe(true));

  it.each([
    '',
    'engagements',
    '//evil.example',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'https://evil.example/',
    'http:/evil.example',
    'javascript:alert(1)',
    '/x\u007f',
    `/${'a'.repeat(2048)}`,
  ])('refuses %j', (value) => expect(isSameSiteReturnTo(value)).toBe(false));
});

describe('keepingReturnTo', () => {
  it.each([
    ['a failed', new SignInFailedError('stale', 'sso_state_mismatch')],
    ['a refused', new SignInRefusedError('unknown', 'sso_unknown_user')],
    ['an unavailable', new SignInUnavailableError('down')],
  ])('hands %s sign-in its page', (_, error) => {
    expect(keepingReturnTo(error, '/engagements/1?tab=tasks')).toBe(error);
    expect(error.returnTo).toBe('/engagements/1?tab=tasks');
  });

  it.each([undefined, '/', '//evil.example', 'https://evil.example/', '/\t/evil.example'])(
    'keeps no page for %j (nothing to keep, the default, or another site)',
    (returnTo) => {
      const error = new SignInRefusedError('unknown', 'sso_unknown_user');
      keepingReturnTo(error, returnTo);
      expect(error.returnTo).toBeUndefined();
    },
  );

  it('leaves any other error alone', () => {
    const error = new Error('database down');
    expect(keepingReturnTo(error, '/overdue')).toBe(error);
    expect(error).not.toHaveProperty('returnTo');
  });
});
