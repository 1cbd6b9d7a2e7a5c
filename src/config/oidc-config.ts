import { flagProblem, parseFlag } from './env-flag';

/**
 * OpenID Connect single sign-on settings. Part of the start-up configuration (app-config.ts), kept
 * in its own file because it is its own small language of rules.
 */
export interface OidcConfig {
  /** Issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback URL registered at the provider; its path ends with /auth/oidc/callback. */
  redirectUrl: string;
  /** Lower-case email domains whose verified people are provisioned as STAFF on first sign-in. */
  autoProvisionDomains: string[];
  /**
   * OIDC_TRUST_EMAIL: an email the provider sends without any verdict on it counts as verified.
   * For a provider whose addresses the organisation assigns and that never says so; an explicit
   * `email_verified: false` (or Entra's `xms_edov: false`) is still refused.
   */
  trustEmail: boolean;
  /**
   * OIDC_PROVIDER_LOGOUT (default true): signing out of a session made by single sign-on also ends
   * the person's session at the provider (RP-Initiated Logout), so that the next "Sign in with
   * SSO" on that browser asks who they are. Off, sign-out ends only the session here, and no ID
   * token is kept with sessions.
   */
  providerLogout: boolean;
  /**
   * True only for an http issuer on the loopback interface (a provider on this machine, for trials
   * and tests): openid-client refuses plain http unless told otherwise.
   */
  allowInsecureRequests: boolean;
}

type Env = Record<string, string | undefined>;

const REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'];
const OPTIONAL = ['OIDC_AUTO_PROVISION_DOMAINS', 'OIDC_TRUST_EMAIL', 'OIDC_PROVIDER_LOGOUT'];
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** https anywhere; http only on the loopback interface. Returns a problem, or the parsed URL. */
function secureUrl(name: string, value: string): URL | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name} must be an absolute https URL (got "${value}")`;
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  return `${name} must be an https URL (http only on localhost/127.0.0.1/[::1]) (got "${value}")`;
}

/** `a.example, B.example` → ['a.example', 'b.example'], or the entries that are not domain names. */
export function parseDomainList(text: string): { domains: string[]; invalid: string[] } {
  const entries = text
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  return {
    domains: [...new Set(entries.filter((d) => DOMAIN.test(d)))],
    invalid: entries.filter((d) => !DOMAIN.test(d)),
  };
}

/**
 * Reads the OIDC_* variables: all four connection settings or none. Problems are appended to
 * `problems` so start-up reports them together with every other bad variable.
 */
export function loadOidcConfig(env: Env, problems: string[]): OidcConfig | undefined {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const domainsText = read('OIDC_AUTO_PROVISION_DOMAINS');
  const given = REQUIRED.filter((name) => read(name) !== undefined);
  if (given.length === 0) {
    for (const name of OPTIONAL) {
      if (read(name) !== undefined) {
        problems.push(`${name} needs OIDC single sign-on configured (${REQUIRED.join(', ')})`);
      }
    }
    return undefined;
  }
  const missing = REQUIRED.filter((name) => !given.includes(name));
  if (missing.length > 0) {
    problems.push(
      `OIDC single sign-on needs all of ${REQUIRED.join(', ')}: missing ${missing.join(', ')}`,
    );
    return undefined;
  }

  const before = problems.length;
  const issuer = secureUrl('OIDC_ISSUER', read('OIDC_ISSUER')!);
  if (typeof issuer === 'string') problems.push(issuer);
  else if (issuer.search || issuer.hash) {
    problems.push('OIDC_ISSUER must not have a query or fragment');
  }
  const redirect = secureUrl('OIDC_REDIRECT_URL', read('OIDC_REDIRECT_URL')!);
  if (typeof redirect === 'string') problems.push(redirect);
  else if (!redirect.pathname.endsWith(OIDC_CALLBACK_PATH) || redirect.search || redirect.hash) {
    problems.push(
      `OIDC_REDIRECT_URL must end with ${OIDC_CALLBACK_PATH}, without query or fragment (got "${redirect.href}")`,
    );
  }
  const trustText = read('OIDC_TRUST_EMAIL');
  const trustEmail = trustText === undefined ? false : parseFlag(trustText);
  if (trustEmail === undefined) problems.push(flagProblem('OIDC_TRUST_EMAIL', trustText!));
  const logoutText = read('OIDC_PROVIDER_LOGOUT');
  const providerLogout = logoutText === undefined ? true : parseFlag(logoutText);
  if (providerLogout === undefined) {
    problems.push(flagProblem('OIDC_PROVIDER_LOGOUT', logoutText!));
  }
  const { domains, invalid } = parseDomainList(domainsText ?? '');
  if (invalid.length > 0) {
    problems.push(
      `OIDC_AUTO_PROVISION_DOMAINS must be comma-separated domain names (not: ${invalid.join(', ')})`,
    );
  }
  if (problems.length > before || typeof issuer === 'string' || typeof redirect === 'string') {
    return undefined;
  }
  return {
    issuer: read('OIDC_ISSUER')!,
    clientId: read('OIDC_CLIENT_ID')!,
    clientSecret: read('OIDC_CLIENT_SECRET')!,
    redirectUrl: redirect.href,
    autoProvisionDomains: domains,
    trustEmail: trustEmail === true,
    providerLogout: providerLogout !== false,
    allowInsecureRequests: issuer.protocol === 'http:',
  };
}
