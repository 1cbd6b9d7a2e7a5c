import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database';
import { migrate, migrationState } from './migrator';
import { runtimeRoleOf } from './runtime-role';
import { databasePlace } from './database-place';
import { describeStartupError, StartupError } from './startup-errors';

export const EMBEDDED_DATABASE_NAME = 'onboarding_tracker';

export interface ProvisionedDatabase {
  url: string;
  /** Where the data lives, for the start-up log line (credentials left out). */
  description: string;
  embedded?: EmbeddedDatabase;
}

export interface ProvisionEvents {
  /** Something went wrong and was handled (e.g. the embedded server was restarted). */
  warn?: (message: string) => void;
  /** The embedded server died for good: the service cannot go on. */
  fatal?: (message: string) => void;
}

/** host:port/database (the configuration was checked to be a PostgreSQL URL at start-up). */
function describe(url: string): string {
  return databasePlace(url) ?? 'the configured database';
}

/**
 * A connection test whose failure names the variable to fix, not just "ECONNREFUSED"; says whether
 * the login owns the schema (a superuser, or the owner of the migrations table).
 */
async function checkReachable(url: string, variable: string): Promise<{ ownsSchema: boolean }> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const owner = await client.query<{ owns: boolean }>(`
      SELECT r.rolsuper OR EXISTS (
               SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relname = 'schema_migrations'
                  AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns
        FROM pg_roles r WHERE r.rolname = current_user`);
    return { ownsSchema: owner.rows[0]?.owns ?? false };
  } catch (error) {
    throw new StartupError(
      `Cannot connect to the database at ${describe(url)} (${variable}): ${describeStartupError(error)}. ` +
        `Check that PostgreSQL is running there and that ${variable} is right.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL under .data/. Then pending migrations. */
export async function provisionDatabase(
  config: AppConfig,
  events: ProvisionEvents = {},
): Promise<ProvisionedDatabase> {
  if (config.databaseUrl) {
    const { databaseUrl, migrationDatabaseUrl } = config;
    if (migrationDatabaseUrl) {
      // The owner migrates and (re)grants; only then can the service's own login connect.
      await checkReachable(migrationDatabaseUrl, 'MIGRATION_DATABASE_URL');
      if (config.migrateOnStart) {
        await migrate(migrationDatabaseUrl, undefined, { runtimeRole: runtimeRoleOf(databaseUrl) });
      }
      await checkReachable(databaseUrl, 'DATABASE_URL');
    } else {
      await checkReachable(databaseUrl, 'DATABASE_URL');
      if (config.migrateOnStart) await migrateAs(databaseUrl);
      // Asked after migrating (which makes the login the owner): a replica of Compose runs as
      // its own login with MIGRATE_ON_START=false and no MIGRATION_DATABASE_URL, and is no owner.
      const { ownsSchema } = await checkReachable(databaseUrl, 'DATABASE_URL');
      if (ownsSchema)
        events.warn?.(
          "The service runs as the schema owner (DATABASE_URL's login). Set MIGRATION_DATABASE_URL to the owner " +
            'and DATABASE_URL to a login of its own, so the service cannot alter tables or the audit triggers.',
        );
    }
    return {
      url: databaseUrl,
      description: `PostgreSQL at ${describe(databaseUrl)} (DATABASE_URL)`,
    };
  }

  const embedded = await startEmbeddedDatabase({
    ...config.embeddedDatabase,
    onWarn: events.warn,
    onFatal: events.fatal,
  });
  try {
    await embedded.createDatabaseIfMissing(EMBEDDED_DATABASE_NAME);
    const ownerUrl = embedded.url(EMBEDDED_DATABASE_NAME);
    if (!config.migrateOnStart) {
      return { url: ownerUrl, embedded, description: describeEmbedded(ownerUrl, config) };
    }
    await migrate(ownerUrl, undefined, { runtimeRole: embedded.runtimeRole() });
    const url = embedded.runtimeUrl(EMBEDDED_DATABASE_NAME);
    return { url, embedded, description: describeEmbedded(url, config) };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

function describeEmbedded(url: string, config: AppConfig): string {
  const user = decodeURIComponent(new URL(url).username);
  return `embedded PostgreSQL at ${describe(url)} as ${user}, data in ${config.embeddedDatabase.dir}`;
}

/**
 * Migrates with DATABASE_URL's own login, as MIGRATE_ON_START asks when no MIGRATION_DATABASE_URL
 * is set. A login that may not change the schema (a replica's least-privilege login) has nothing
 * to do when the schema is up to date, and is told what to set when it is not: dbmate itself would
 * only say "permission denied for schema public".
 */
async function migrateAs(databaseUrl: string): Promise<void> {
  const state = await migrationState(databaseUrl);
  if (state.mayMigrate) {
    await migrate(databaseUrl);
    return;
  }
  const missing = [
    ...state.pending.map((version) => `migration ${version}`),
    ...(state.jobQueueInstalled ? [] : ['the job queue schema']),
  ];
  if (missing.length === 0) return;
  throw new StartupError(
    `DATABASE_URL's login "${state.login}" may not change the database schema, which is not up ` +
      `to date (${missing.length === 1 ? missing[0] : `${missing[0]} and ${missing.length - 1} more`} ` +
      `to apply). Set MIGRATION_DATABASE_URL to the schema owner's login (the service still runs ` +
      `as DATABASE_URL's), or migrate as the owner with "npm run db:migrate" and start with ` +
      `MIGRATE_ON_START=false.`,
  );
}
