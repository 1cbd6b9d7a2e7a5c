import { ConfigError, FETCH_BAD_PORTS, loadConfig, parseEscalationLevels } from './app-config';

describe('loadConfig', () => {
  it('has working defaults for a fresh clone', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      embeddedDatabase: { dir: '.data/postgres', port: 54329 },
      migrateOnStart: true,
      log: { level: 'info', format: 'pretty' },
      corsOrigins: [],
      bootstrapAdminKey: undefined,
      escalation: { enabled: true, levels: [1, 7, 14], cron: '0 * * * *', webhookUrl: undefined },
    });
  });

  it('logs JSON in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).log.format).toBe('json');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/x',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      ESCALATION_LEVELS: '2,5,10',
      ESCALATION_CRON: '*/15 * * * *',
      WEBHOOK_URL: 'https://hooks.example/onboarding',
      WEBHOOK_SECRET: 's3cret',
      MIGRATE_ON_START: 'false',
      RATE_LIMIT_PER_MINUTE: '30',
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgresql://u:p@db:5432/x');
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.escalation.levels).toEqual([2, 5, 10]);
    expect(config.escalation.cron).toBe('*/15 * * * *');
    expect(config.escalation.webhookUrl).toBe('https://hooks.example/onboarding');
    expect(config.migrateOnStart).toBe(false);
    expect(config.rateLimit.limit).toBe(30);
  });

  it('reports every bad value at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: '99999',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        WEBHOOK_URL: 'ftp://x',
        ESCALATION_CRON: 'hourly',
        BOOTSTRAP_ADMIN_KEY: 'short',
        MIGRATE_ON_START: 'maybe',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(7);
    expect(error!.message).toContain('PORT must be a whole number from 1 to 65535');
    expect(error!.message).toContain('DATABASE_URL must be a postgres: or postgresql: URL');
    expect(error!.message).toContain('BOOTSTRAP_ADMIN_KEY must be at least 32 characters');
  });

  it('keeps the service and the embedded PostgreSQL on different ports', () => {
    expect(() => loadConfig({ PORT: '54329' })).toThrow(
      /PORT and EMBEDDED_DB_PORT must differ.*both are 54329/,
    );
    // With DATABASE_URL there is no embedded server to collide with.
    expect(
      loadConfig({ PORT: '54329', DATABASE_URL: 'postgresql://app@db.example/tracker' }).port,
    ).toBe(54329);
  });

  it('needs a secret to sign webhooks', () => {
    expect(() => loadConfig({ WEBHOOK_URL: 'https://hooks.example' })).toThrow(
      /WEBHOOK_SECRET is required/,
    );
  });

  it('has safe sign-in defaults', () => {
    expect(loadConfig({ PORT: '8080' }).auth).toEqual({
      publicUrl: 'http://localhost:8080',
      cookieSecure: false,
      sessionIdleMs: 12 * 3_600_000,
      sessionMaxMs: 7 * 24 * 3_600_000,
      bootstrapAdmin: undefined,
      signInThrottle: { maxFailuresPerAccount: 5, maxFailuresPerAddress: 50, lockoutMs: 900_000 },
    });
  });

  it('reads the sign-in variables', () => {
    const { auth } = loadConfig({
      PUBLIC_URL: 'https://tracker.example.com/',
      COOKIE_SECURE: 'true',
      SESSION_IDLE_MINUTES: '30',
      SESSION_MAX_HOURS: '24',
      BOOTSTRAP_ADMIN_EMAIL: ' Admin@Example.COM ',
      BOOTSTRAP_ADMIN_PASSWORD: ' spaces count too ',
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '3',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '20',
      SIGN_IN_LOCKOUT_MINUTES: '5',
    });
    expect(auth).toEqual({
      publicUrl: 'https://tracker.example.com',
      cookieSecure: true,
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 24 * 3_600_000,
      bootstrapAdmin: { email: 'admin@example.com', password: ' spaces count too ' },
      signInThrottle: { maxFailuresPerAccount: 3, maxFailuresPerAddress: 20, lockoutMs: 300_000 },
    });
  });

  it('refuses bad sign-in settings', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL must be a http/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: 'Fine-passphrase-77' })).toThrow(
      /must be set together/,
    );
    expect(() =>
      loadConfig({ BOOTSTRAP_ADMIN_EMAIL: 'a@example.com', BOOTSTRAP_ADMIN_PASSWORD: 'short' }),
    ).toThrow(/BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters/);
  });

  it('takes TRUST_PROXY as Express does, and refuses an address or range that is none', () => {
    for (const value of ['loopback', '2', '10.0.0.0/8, fc00::/7', '10.0.0.0/255.0.0.0', '::1']) {
      expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(
        /^\d+$/.test(value) ? Number(value) : value,
      );
    }
    for (const value of [
      '999.1.1.1/40',
      '10.0.0.0/33',
      'fc00::/129',
      '1.2.3',
      'banana',
      '10.0.0.0/8/8',
    ]) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY must be/);
    }
  });

  it('takes CORS_ORIGINS as origins only, and PORT from 1', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:5173']);
    for (const value of [
      'not an origin',
      'http://a.example, *',
      'https://a.example/path',
      'ftp://x.example',
    ]) {
      expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS must list origins/);
    }
    expect(() => loadConfig({ PORT: '0' })).toThrow(/PORT/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', BOOTSTRAP_ADMIN_KEY: '  ' }).databaseUrl).toBeUndefined();
  });
});

describe('parseEscalationLevels', () => {
  it('accepts ascending whole days', () => {
    expect(parseEscalationLevels('1,7,14')).toEqual([1, 7, 14]);
    expect(parseEscalationLevels(' 3 ')).toEqual([3]);
  });
  it.each(['', '0,1', '7,1', '1,1', '1,x', '-1', '1.5'])('rejects %p', (value) => {
    expect(parseEscalationLevels(value)).toBeUndefined();
  });
});

describe('ESCALATION_CRON', () => {
  it.each(['0 * * * *', '0 * * * MON', '*/15 9-17 * * 1-5', '0 6 * * THU', '30 2 1 JAN,JUL *'])(
    'accepts %p',
    (cron) => {
      expect(loadConfig({ ESCALATION_CRON: cron }).escalation.cron).toBe(cron);
    },
  );

  it.each([
    ['99 * * * *', /99/],
    ['0 24 * * *', /24/],
    ['0 0 * * 8', /8/],
    ['0 0 31 2 *', /day of month/],
    ['* * * * * *', /6 field/],
    ['hourly', /1 field/],
    ['H * * * *', /H/],
  ])('refuses %p, saying why', (cron, reason) => {
    expect(() => loadConfig({ ESCALATION_CRON: cron })).toThrow(
      expect.objectContaining({
        problems: [expect.stringMatching(new RegExp(`^ESCALATION_CRON .*${reason.source}`))],
      }),
    );
  });
});

describe('LOG_LEVEL and LOG_FORMAT', () => {
  it('ignore case', () => {
    expect(loadConfig({ LOG_LEVEL: 'DEBUG', LOG_FORMAT: 'JSON' }).log).toEqual({
      level: 'debug',
      format: 'json',
    });
    expect(loadConfig({ LOG_LEVEL: 'Warn', LOG_FORMAT: 'Pretty' }).log).toEqual({
      level: 'warn',
      format: 'pretty',
    });
  });
});

describe('WEBHOOK_URL', () => {
  const secret = { WEBHOOK_SECRET: 's3cret' };

  it.each(['http://hooks.example:6000/x', 'http://hooks.example:10080/', 'https://h.example:25/'])(
    'refuses %p: fetch() would never call it',
    (url) => {
      expect(() => loadConfig({ WEBHOOK_URL: url, ...secret })).toThrow(
        /WEBHOOK_URL uses port \d+, which fetch\(\) refuses/,
      );
    },
  );

  it('accepts ordinary ports', () => {
    for (const url of [
      'https://hooks.example/x',
      'http://localhost:8080/',
      'http://h.example:6001',
    ]) {
      expect(loadConfig({ WEBHOOK_URL: url, ...secret }).escalation.webhookUrl).toBe(url);
    }
  });
});

describe('FETCH_BAD_PORTS', () => {
  // Asks Node's own fetch: a blocked port fails with "bad port" before any connection is tried.
  const refusal = async (port: number) => {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
      return 'answered';
    } catch (error) {
      return String((error as { cause?: { message?: string } }).cause?.message ?? error);
    }
  };

  it("is the list Node's fetch refuses, and no more", async () => {
    for (const port of FETCH_BAD_PORTS) {
      expect({ port, refusal: await refusal(port) }).toEqual({ port, refusal: 'bad port' });
    }
    for (const port of [6001, 10081, 8080, 5432]) {
      expect({ port, refusal: await refusal(port) }).not.toEqual({ port, refusal: 'bad port' });
    }
  });
});
