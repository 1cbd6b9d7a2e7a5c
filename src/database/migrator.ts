import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { runDetached } from './detached-process';
import {
  grantRuntimePrivileges,
  installJobQueueSchema,
  isJobQueueSchemaInstalled,
  RuntimeRole,
} from './runtime-role';

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'prisma', 'migrations');

export function dbmateBinary(): string {
  const ext = process.platform === 'win32' ? '.exe' : '';
  return require.resolve(`@dbmate/${process.platform}-${process.arch}/bin/dbmate${ext}`);
}

/** dbmate wants to know whether to use TLS; local servers speak plain TCP. */
export function withSslMode(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('sslmode')) parsed.searchParams.set('sslmode', 'disable');
  return parsed.toString();
}

/** Any fixed 64-bit number, the same in every instance: the lock migrations take. */
const MIGRATION_LOCK = 7_412_390_117;

/**
 * Applies pending SQL migrations from prisma/migrations with dbmate. Each migration runs in its
 * own transaction, so a failing one leaves the schema as it was. Instances starting together
 * take turns under a PostgreSQL advisory lock (held by a session of our own while dbmate runs),
 * so the second one finds the work done instead of racing to create the same types.
 * With a runtime role, its privileges are (re)granted under the same lock after migrating.
 * Returns dbmate's report (the names of the migrations it applied).
 */
export async function migrate(
  url: string,
  migrationsDir: string = MIGRATIONS_DIR,
  options: { runtimeRole?: RuntimeRole } = {},
): Promise<string> {
  const lock = await connectCreatingDatabase(url);
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const report = await runDbmate(url, migrationsDir);
    await installJobQueueSchema(lock);
    if (options.runtimeRole) await grantRuntimePrivileges(lock, options.runtimeRole);
    return report;
  } finally {
    // Ending the session releases the lock even if the unlock itself fails.
    await lock.end().catch(() => undefined);
  }
}

/** Like dbmate itself, a missing database is created (the lock needs a session in it first). */
async function connectCreatingDatabase(url: string): Promise<Client> {
  const connect = async () => {
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  try {
    return await connect();
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  }
  const server = new URL(url);
  const database = decodeURIComponent(server.pathname.slice(1));
  server.pathname = '/postgres';
  const admin = new Client({ connectionString: server.toString() });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } catch (error) {
    // Another instance created it first.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await admin.end();
  }
  return connect();
}

async function runDbmate(url: string, migrationsDir: string): Promise<string> {
  const args = [
    '--url',
    withSslMode(url),
    '--migrations-dir',
    migrationsDir,
    '--migrations-table',
    'schema_migrations',
    '--no-dump-schema',
    'up',
  ];
  try {
    // Its own process group: a Ctrl-C meant for the service must not kill a migration half-way.
    return await runDetached(dbmateBinary(), args, { env: { ...process.env, DATABASE_URL: '' } });
  } catch (error) {
    // dbmate's own message, without the command line (which holds the connection password).
    throw new Error(`Migration failed: ${(error as Error).message}`, { cause: error });
  }
}

/** What the login of `url` finds: the migrations not yet applied, and whether it may apply them. */
export interface MigrationState {
  login: string;
  /** May create in the schema (dbmate's table, new tables): an owner's login may. */
  mayMigrate: boolean;
  /** Versions of the migrations in `migrationsDir` not yet applied, oldest first. */
  pending: string[];
  jobQueueInstalled: boolean;
}

export async function migrationState(
  url: string,
  migrationsDir: string = MIGRATIONS_DIR,
): Promise<MigrationState> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ login: string; may: boolean; tracked: boolean }>(
      `SELECT current_user AS login, has_schema_privilege('public', 'CREATE') AS may,
              to_regclass('public.schema_migrations') IS NOT NULL AS tracked`,
    );
    const applied = new Set(
      rows[0].tracked
        ? (
            await client.query<{ version: string }>('SELECT version FROM schema_migrations')
          ).rows.map((row) => row.version)
        : [],
    );
    const versions = fs
      .readdirSync(migrationsDir)
      .filter((file) => /^\d+_.*\.sql$/.test(file))
      .map((file) => file.split('_')[0])
      .sort();
    return {
      login: rows[0].login,
      mayMigrate: rows[0].may,
      pending: versions.filter((version) => !applied.has(version)),
      jobQueueInstalled: await isJobQueueSchemaInstalled(client),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
