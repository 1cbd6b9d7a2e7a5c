import { originOf, signedOutPage, startOnConfiguredOrigin } from './configured-origin';

const REDIRECT_URL = 'https://tracker.example.com/auth/oidc/callback';

describe('startOnConfiguredOrigin', () => {
  it('leaves a start on the configured origin alone', () => {
    expect(
      startOnConfiguredOrigin('https://tracker.example.com', '/auth/oidc/login', REDIRECT_URL),
    ).toBeUndefined();
  });

  it.each([
    'https://tracker-alias.example.com',
    'http://tracker.example.com',
    'https://tracker.example.com:8443',
    undefined,
  ])('sends a start at %s to the configured origin, query kept and marked', (origin) => {
    const target = startOnConfiguredOrigin(
      origin,
      '/auth/oidc/login?returnTo=%2Fengagements%3Ftab%3Dtasks',
      REDIRECT_URL,
    );
    expect(target).toBe(
      'https://tracker.example.com/auth/oidc/login?returnTo=%2Fengagements%3Ftab%3Dtasks&moved=1',
    );
  });

  it('keeps the start path next to a callback below a path prefix', () => {
    expect(
      startOnConfiguredOrigin(
        'http://127.0.0.1:3000',
        '/auth/oidc/login',
        'http://localhost:3000/tracker/auth/oidc/callback',
      ),
    ).toBe('http://localhost:3000/tracker/auth/oidc/login?moved=1');
  });

  it.each(['//evil.example/auth/oidc/login?x=1', 'https://evil.example/auth/oidc/login?x=1'])(
    'takes nothing but the query from the request URL %s',
    (originalUrl) => {
      const target = new URL(startOnConfiguredOrigin(undefined, originalUrl, REDIRECT_URL)!);
      expect(target.origin).toBe('https://tracker.example.com');
      expect(target.pathname).toBe('/auth/oidc/login');
      expect(target.search).toBe('?x=1&moved=1');
    },
  );
});

describe('signedOutPage', () => {
  it('is the sign-in page on the configured origin, saying why', () => {
    expect(signedOutPage(REDIRECT_URL)).toBe('https://tracker.example.com/login?reason=signed_out');
  });

  it('keeps the path prefix of a callback below one', () => {
    expect(signedOutPage('http://localhost:3000/tracker/auth/oidc/callback')).toBe(
      'http://localhost:3000/tracker/login?reason=signed_out',
    );
  });
});

describe('originOf', () => {
  it.each([
    ['http', 'localhost:3000', 'http://localhost:3000'],
    ['https', 'Tracker.Example.com', 'https://tracker.example.com'],
    ['https', 'tracker.example.com:443', 'https://tracker.example.com'],
    ['http', '[::1]:3000', 'http://[::1]:3000'],
  ])('%s with Host %s is %s', (protocol, host, origin) => {
    expect(originOf(protocol, host)).toBe(origin);
  });

  it.each([undefined, '', 'a b', 'host:port'])('is undefined for the Host %j', (host) => {
    expect(originOf('http', host)).toBeUndefined();
  });
});
