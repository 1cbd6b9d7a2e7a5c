import { isSameSiteReturnTo } from './return-to';

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
