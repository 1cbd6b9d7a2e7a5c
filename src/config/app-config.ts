import { isIP } from 'node:net';
import { CronExpressionParser } from 'cron-parser';
import { passwordProblem } from '../auth/domain/password-policy';
import { flagProblem, parseFlag } from './env-flag';
import { loadOidcConfig, OidcConfig } from './oidc-config';

/**
 * Configuration is read once, at start-up, from the environment into a typed object.
 * Any bad value stops the process with one message naming every offending variable.
 */
export type LogFormat = 'json' | 'pretty';

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** The schema owner, for migrations; the service itself then runs as DATABASE_URL's login. */
  migrationDatabaseUrl: string | undefined;
  embeddedDatabase: { dir: string; port: number };
  migrateOnStart: boolean;
  log: { level: string; format: LogFormat };
  corsOrigins: string[];
  /** Express `trust proxy`: which hops' X-Forwarded-For to believe for the client address. */
  trustProxy: string | number;
  rateLimit: { limit: number; windowMs: number };
  bootstrapAdminKey: string | undefined;
  auth: AuthConfig;
  shutdownTimeoutMs: number;
  /** Limits toward PostgreSQL, so a frozen server or half-open connection cannot hold requests. */
  database: {
    poolSize: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
  };
  escalation: {
    enabled: boolean;
    levels: number[];
    cron: string;
    webhookUrl: string | undefined;
    webhookSecret: string | undefined;
    webhookTimeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    deliveryIntervalMs: number;
  };
  /** Single sign-on by OpenID Connect; undefined when not configured. */
  oidc: OidcConfig | undefined;
}

export interface AuthConfig {
  /** Where people reach the service; invitation links start with it. No trailing slash. */
  publicUrl: string;
  /** Mark cookies Secure even when the request did not arrive over https (behind a proxy). */
  cookieSecure: boolean;
  /** A session ends after this long without a request… */
  sessionIdleMs: number;
  /** …and this long after sign-in, whatever happens. */
  sessionMaxMs: number;
  /** BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD: make sure this ADMIN user exists. */
  bootstrapAdmin: { email: string; password: string } | undefined;
  signInThrottle: {
    maxFailuresPerAccount: number;
    maxFailuresPerAddress: number;
    /** Failures count within this window; reaching the maximum locks for as long. */
    lockoutMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  /** The value as given, spaces included; undefined when unset or blank. */
  rawUntrimmed(name: string): string | undefined {
    return this.raw(name) === undefined ? undefined : this.env[name];
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return Number(value);
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const flag = parseFlag(value);
    if (flag === undefined) this.problems.push(flagProblem(name, value.toLowerCase()));
    return flag ?? fallback;
  }

  /** One of `allowed`, whatever the case it is written in (LOG_LEVEL=DEBUG is debug). */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (!allowed.includes(value as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return value;
    } catch {
      this.problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
      return undefined;
    }
  }

  /** An http(s) URL that fetch() will call: a port it blocks would fail every delivery. */
  fetchableUrl(name: string): string | undefined {
    const value = this.url(name, ['http:', 'https:']);
    if (value === undefined) return undefined;
    // An empty port is the scheme's default (80 or 443), which fetch calls.
    const port = Number(new URL(value).port || 80);
    if (FETCH_BAD_PORTS.has(port)) {
      this.problems.push(
        `${name} uses port ${port}, which fetch() refuses to call (a "bad port" of the Fetch standard); use another port`,
      );
      return undefined;
    }
    return value;
  }
}

export function parseEscalationLevels(value: string): number[] | undefined {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) return undefined;
  const levels = parts.map(Number);
  const ascending = levels.every((n, i) => i === 0 || n > levels[i - 1]);
  return ascending ? levels : undefined;
}

/**
 * Ports the Fetch standard blocks (https://fetch.spec.whatwg.org/#port-blocking); Node's fetch
 * refuses them with "bad port" before connecting. A unit test checks this list against fetch.
 */
export const FETCH_BAD_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080,
]);

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) as the scheduler
 * reads it: each field checked by a real cron parser, so `99 * * * *` is refused and
 * `0 * * * MON` accepted. Undefined when valid, else the parser's reason.
 */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return `has ${fields.length} field(s), not 5`;
  // `H` (a hashed value) is an extension the scheduler's own parser does not know.
  if (fields.some((field) => /(^|[^a-z])h(?![a-z])/i.test(field))) {
    return 'uses H, which the scheduler does not support';
  }
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

// Express' named ranges, IPv4/IPv6 addresses or CIDRs, comma-separated; or a number of hops.
const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A name, an address, or address/prefix (address/netmask for IPv4), as proxy-addr takes them. */
function isTrustProxyItem(item: string): boolean {
  if (TRUST_PROXY_NAMES.has(item)) return true;
  const [address, range, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4;
}

function readTrustProxy(r: Reader): string | number {
  const value = r.raw('TRUST_PROXY') ?? 'loopback';
  if (/^\d{1,2}$/.test(value)) return Number(value);
  if (value.split(',').every((item) => isTrustProxyItem(item.trim()))) return value;
  r.problems.push(
    `TRUST_PROXY must be loopback, linklocal, uniquelocal, addresses/CIDRs (comma-separated) or a hop count (got "${value}")`,
  );
  return 'loopback';
}

/**
 * Each an origin as browsers send it (`https://app.example.com`, `http://localhost:5173`): a typo
 * or `*` would otherwise start silently and allow nothing, or not what was meant.
 */
function readCorsOrigins(r: Reader): string[] {
  const origins = (r.raw('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const bad = origins.filter((origin) => {
    try {
      const url = new URL(origin);
      return !['http:', 'https:'].includes(url.protocol) || url.origin !== origin;
    } catch {
      return true;
    }
  });
  if (bad.length > 0) {
    r.problems.push(
      `CORS_ORIGINS must list origins such as https://app.example.com (no path, no "*"); not ${bad
        .map((o) => `"${o}"`)
        .join(', ')}`,
    );
  }
  return origins;
}

export function loadConfig(env: Env): AppConfig {
  const r = new Reader(env);
  const production = env.NODE_ENV === 'production';

  const databaseUrl = r.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const migrationDatabaseUrl = r.url('MIGRATION_DATABASE_URL', ['postgres:', 'postgresql:']);
  if (migrationDatabaseUrl && !databaseUrl) {
    r.problems.push('MIGRATION_DATABASE_URL needs DATABASE_URL (the login the service runs as)');
  } else if (
    migrationDatabaseUrl &&
    databaseUrl &&
    new URL(migrationDatabaseUrl).username === new URL(databaseUrl).username
  ) {
    r.problems.push(
      'MIGRATION_DATABASE_URL and DATABASE_URL must use different logins (the owner migrates, the service runs with fewer privileges)',
    );
  }
  const levelsText = r.raw('ESCALATION_LEVELS') ?? '1,7,14';
  const levels = parseEscalationLevels(levelsText);
  if (!levels) {
    r.problems.push(
      `ESCALATION_LEVELS must be ascending whole numbers of days, comma-separated (got "${levelsText}")`,
    );
  }
  const cron = r.raw('ESCALATION_CRON') ?? '0 * * * *';
  const badCron = cronProblem(cron);
  if (badCron) {
    r.problems.push(
      `ESCALATION_CRON must be a five-field cron expression such as "0 * * * *" (got "${cron}": ${badCron})`,
    );
  }
  const webhookUrl = r.fetchableUrl('WEBHOOK_URL');
  const webhookSecret = r.raw('WEBHOOK_SECRET');
  if (webhookUrl && !webhookSecret) {
    r.problems.push('WEBHOOK_SECRET is required when WEBHOOK_URL is set');
  }
  const bootstrapAdminKey = r.raw('BOOTSTRAP_ADMIN_KEY');
  if (bootstrapAdminKey !== undefined && bootstrapAdminKey.length < 32) {
    r.problems.push('BOOTSTRAP_ADMIN_KEY must be at least 32 characters');
  }
  const level = r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  // Not 0 ("any free port"): the setup link and PUBLIC_URL's default name the port.
  const port = r.int('PORT', 3000, 1, 65535);
  const embeddedDbPort = r.int('EMBEDDED_DB_PORT', 54329, 1024, 65535);
  if (!databaseUrl && port === embeddedDbPort) {
    r.problems.push(
      `PORT and EMBEDDED_DB_PORT must differ: the service and its embedded PostgreSQL both listen (both are ${port})`,
    );
  }

  const config: AppConfig = {
    port,
    host: r.raw('HOST') ?? '0.0.0.0',
    databaseUrl,
    migrationDatabaseUrl,
    embeddedDatabase: {
      dir: r.raw('EMBEDDED_DB_DIR') ?? '.data/postgres',
      port: embeddedDbPort,
    },
    migrateOnStart: r.bool('MIGRATE_ON_START', true),
    log: {
      level,
      format: r.oneOf<LogFormat>('LOG_FORMAT', ['json', 'pretty'], production ? 'json' : 'pretty'),
    },
    trustProxy: readTrustProxy(r),
    corsOrigins: readCorsOrigins(r),
    rateLimit: {
      limit: r.int('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
      windowMs: 60_000,
    },
    bootstrapAdminKey,
    auth: loadAuthConfig(r, port),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    database: {
      poolSize: r.int('DB_POOL_SIZE', 10, 1, 1_000),
      connectTimeoutMs: r.int('DB_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
      statementTimeoutMs: r.int('DB_STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
      idleInTransactionTimeoutMs: r.int(
        'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
        60_000,
        100,
        3_600_000,
      ),
    },
    escalation: {
      enabled: r.bool('ESCALATION_ENABLED', true),
      levels: levels ?? [1, 7, 14],
      cron,
      webhookUrl,
      webhookSecret,
      webhookTimeoutMs: r.int('WEBHOOK_TIMEOUT_MS', 5_000, 100, 120_000),
      maxAttempts: r.int('WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
      retryBaseMs: r.int('WEBHOOK_RETRY_BASE_MS', 2_000, 1, 3_600_000),
      deliveryIntervalMs: r.int('WEBHOOK_DELIVERY_INTERVAL_MS', 5_000, 10, 3_600_000),
    },
    oidc: loadOidcConfig(env, r.problems),
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

function loadAuthConfig(r: Reader, port: number): AuthConfig {
  const publicUrl = (
    r.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`
  ).replace(/\/+$/, '');
  const email = r.raw('BOOTSTRAP_ADMIN_EMAIL')?.toLowerCase();
  // Not trimmed: a password may begin or end with a space.
  const rawPassword = r.rawUntrimmed('BOOTSTRAP_ADMIN_PASSWORD');
  let bootstrapAdmin: AuthConfig['bootstrapAdmin'];
  if ((email === undefined) !== (rawPassword === undefined)) {
    r.problems.push('BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set together');
  } else if (email !== undefined && rawPassword !== undefined) {
    if (!EMAIL.test(email)) {
      r.problems.push(`BOOTSTRAP_ADMIN_EMAIL must be an email address (got "${email}")`);
    }
    const problem = passwordProblem(rawPassword, { email });
    if (problem) r.problems.push(`BOOTSTRAP_ADMIN_PASSWORD ${problem}`);
    bootstrapAdmin = { email, password: rawPassword };
  }
  return {
    publicUrl,
    cookieSecure: r.bool('COOKIE_SECURE', false),
    sessionIdleMs: r.int('SESSION_IDLE_MINUTES', 12 * 60, 1, 366 * 24 * 60) * 60_000,
    sessionMaxMs: r.int('SESSION_MAX_HOURS', 7 * 24, 1, 366 * 24) * 3_600_000,
    bootstrapAdmin,
    signInThrottle: {
      maxFailuresPerAccount: r.int('SIGN_IN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1_000),
      maxFailuresPerAddress: r.int('SIGN_IN_MAX_FAILURES_PER_ADDRESS', 50, 1, 100_000),
      lockoutMs: r.int('SIGN_IN_LOCKOUT_MINUTES', 15, 1, 24 * 60) * 60_000,
    },
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injection token for the PostgreSQL connection string actually in use. */
export const DATABASE_URL = Symbol('DATABASE_URL');
