import { ConfigError, loadConfig } from './app-config';
import { isLoopbackHost, loadOidcConfig, parseDomainList } from './oidc-config';

const OIDC = {
  OIDC_ISSUER: 'https://login.example.com/realms/wso2',
  OIDC_CLIENT_ID: 'onboarding-tracker',
  OIDC_CLIENT_SECRET: 's3cret',
  OIDC_REDIRECT_URL: 'https://onboarding.example.com/auth/oidc/callback',
};

function problemsOf(env: Record<string, string>): string[] {
  const problems: string[] = [];
  loadOidcConfig(env, problems);
  return problems;
}

describe('OIDC configuration', () => {
  it('is off when no OIDC variable is set', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  it('reads all four settings and the auto-provisioning domains', () => {
    const config = loadConfig({ ...OIDC, OIDC_AUTO_PROVISION_DOMAINS: ' WSO2.com, wso2.org ,' });
    expect(config.oidc).toEqual({
      issuer: 'https://login.example.com/realms/wso2',
      clientId: 'onboarding-tracker',
      clientSecret: 's3cret',
      redirectUrl: 'https://onboarding.example.com/auth/oidc/callback',
      autoProvisionDomains: ['wso2.com', 'wso2.org'],
      trustEmail: false,
      providerLogout: true,
      allowInsecureRequests: false,
    });
  });

  it('reads OIDC_TRUST_EMAIL as true or false, and refuses anything else', () => {
    expect(loadConfig({ ...OIDC, OIDC_TRUST_EMAIL: 'Yes' }).oidc?.trustEmail).toBe(true);
    expect(loadConfig({ ...OIDC, OIDC_TRUST_EMAIL: 'false' }).oidc?.trustEmail).toBe(false);
    expect(problemsOf({ ...OIDC, OIDC_TRUST_EMAIL: 'always' })).toEqual([
      'OIDC_TRUST_EMAIL must be true or false (got "always")',
    ]);
  });

  it('reads OIDC_PROVIDER_LOGOUT as true (the default) or false, and refuses anything else', () => {
    expect(loadConfig({ ...OIDC, OIDC_PROVIDER_LOGOUT: 'No' }).oidc?.providerLogout).toBe(false);
    expect(loadConfig({ ...OIDC, OIDC_PROVIDER_LOGOUT: 'true' }).oidc?.providerLogout).toBe(true);
    expect(problemsOf({ ...OIDC, OIDC_PROVIDER_LOGOUT: 'off' })).toEqual([
      'OIDC_PROVIDER_LOGOUT must be true or false (got "off")',
    ]);
  });

  it('names every missing variable when only some are set', () => {
    const { OIDC_ISSUER, OIDC_CLIENT_SECRET: _secret, OIDC_REDIRECT_URL: _url } = OIDC;
    expect(() => loadConfig({ OIDC_ISSUER })).toThrow(ConfigError);
    expect(problemsOf({ OIDC_ISSUER, OIDC_CLIENT_ID: 'x' })).toEqual([
      'OIDC single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL: missing OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL',
    ]);
  });

  it('treats blank variables as unset', () => {
    expect(problemsOf({ ...OIDC, OIDC_CLIENT_SECRET: '  ' })).toEqual([
      expect.stringContaining('missing OIDC_CLIENT_SECRET'),
    ]);
  });

  it('refuses auto-provisioning domains, trusted emails or provider logout without OIDC', () => {
    expect(
      problemsOf({
        OIDC_AUTO_PROVISION_DOMAINS: 'wso2.com',
        OIDC_TRUST_EMAIL: 'true',
        OIDC_PROVIDER_LOGOUT: 'false',
      }),
    ).toEqual([
      expect.stringContaining('OIDC_AUTO_PROVISION_DOMAINS needs OIDC single sign-on'),
      expect.stringContaining('OIDC_TRUST_EMAIL needs OIDC single sign-on'),
      expect.stringContaining('OIDC_PROVIDER_LOGOUT needs OIDC single sign-on'),
    ]);
  });

  it('refuses plain http except on the loopback interface', () => {
    expect(problemsOf({ ...OIDC, OIDC_ISSUER: 'http://login.example.com' })).toEqual([
      expect.stringContaining('OIDC_ISSUER must be an https URL'),
    ]);
    expect(
      problemsOf({ ...OIDC, OIDC_REDIRECT_URL: 'http://app.example.com/auth/oidc/callback' }),
    ).toEqual([expect.stringContaining('OIDC_REDIRECT_URL must be an https URL')]);
    const local = loadConfig({
      ...OIDC,
      OIDC_ISSUER: 'http://127.0.0.1:4000',
      OIDC_REDIRECT_URL: 'http://localhost:3000/auth/oidc/callback',
    }).oidc;
    expect(local).toMatchObject({ allowInsecureRequests: true });
  });

  it('refuses malformed URLs, a wrong callback path and bad domains, all at once', () => {
    const problems = problemsOf({
      ...OIDC,
      OIDC_ISSUER: 'login.example.com',
      OIDC_REDIRECT_URL: 'https://onboarding.example.com/callback',
      OIDC_AUTO_PROVISION_DOMAINS: 'wso2.com, @wso2.org, *.example.com',
    });
    expect(problems).toEqual([
      'OIDC_ISSUER must be an absolute https URL (got "login.example.com")',
      expect.stringContaining('OIDC_REDIRECT_URL must end with /auth/oidc/callback'),
      'OIDC_AUTO_PROVISION_DOMAINS must be comma-separated domain names (not: @wso2.org, *.example.com)',
    ]);
  });

  it('refuses an issuer with a query', () => {
    expect(problemsOf({ ...OIDC, OIDC_ISSUER: 'https://login.example.com/?tenant=1' })).toEqual([
      'OIDC_ISSUER must not have a query or fragment',
    ]);
  });

  it('accepts a callback behind a path prefix', () => {
    const config = loadConfig({
      ...OIDC,
      OIDC_REDIRECT_URL: 'https://example.com/onboarding/auth/oidc/callback',
    });
    expect(config.oidc?.redirectUrl).toBe('https://example.com/onboarding/auth/oidc/callback');
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'LOCALHOST'])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(['example.com', '10.0.0.1', '127.0.0.1.nip.io', 'localhost.example.com', '[::2]'])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('parseDomainList', () => {
  it('lower-cases, trims and de-duplicates', () => {
    expect(parseDomainList('A.example, a.example,b.example.org')).toEqual({
      domains: ['a.example', 'b.example.org'],
      invalid: [],
    });
  });
  it('lists what is not a domain name', () => {
    expect(parseDomainList('localhost, -x.com, x..com, ok.io').invalid).toEqual([
      'localhost',
      '-x.com',
      'x..com',
    ]);
  });
});
