import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../src/database/embedded-database';
import { migrate } from '../../src/database/migrator';
import type { RuntimeRole } from '../../src/database/runtime-role';
import { processTreeCpuMs } from './measure';
import { freePort } from '../../test/helpers/free-port';

/** A throw-away database for one bench run, migrated, with the service's least-privilege login. */
export interface Scratch {
  /** As the superuser / given login: seeding, EXPLAIN, pg_stat_statements. */
  ownerUrl: string;
  /** As the runtime role the service runs as (no DDL); the direct-SQL baselines use it too. */
  appUrl: string;
  describe: string;
  /** Why pg_stat_statements is off, or undefined when it is on. */
  statStatementsMissing?: string;
  /** CPU time used so far by the server's processes (ms), when they run on this machine. */
  serverCpuMs: () => number | undefined;
  cleanup(): Promise<void>;
}

function withDatabase(url: string, database: string, role?: RuntimeRole): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (role) {
    parsed.username = encodeURIComponent(role.user);
    parsed.password = encodeURIComponent(role.password);
  }
  return parsed.toString();
}

export async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Turns pg_stat_statements on where the server can load it; the reason when it cannot. */
async function enableStatStatements(url: string): Promise<string | undefined> {
  try {
    await onServer(url, async (c) => {
      await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await c.query('SELECT pg_stat_statements_reset()');
    });
    return undefined;
  } catch (error) {
    return `pg_stat_statements is not available (${(error as Error).message})`;
  }
}

/**
 * Embedded PostgreSQL in a temp directory on a free port; or, when DATABASE_URL is set, a new
 * database on that server (never the database it names) with a bench-only runtime login.
 */
export async function startScratchDatabase(): Promise<Scratch> {
  const name = `ot_bench_${randomBytes(5).toString('hex')}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    const admin = withDatabase(given, 'postgres');
    await onServer(admin, (c) => c.query(`CREATE DATABASE "${name}"`));
    const role = { user: `${name}_app`, password: randomBytes(18).toString('hex') };
    const ownerUrl = withDatabase(given, name);
    const cleanup = async () => {
      await onServer(admin, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS "${role.user}"`);
      });
    };
    try {
      await migrate(ownerUrl, undefined, { runtimeRole: role });
      return {
        ownerUrl,
        appUrl: withDatabase(given, name, role),
        describe: `scratch database ${name} on ${new URL(given).host} (DATABASE_URL's server)`,
        statStatementsMissing: await enableStatStatements(ownerUrl),
        serverCpuMs: () => undefined,
        cleanup,
      };
    } catch (error) {
      await cleanup();
      throw error;
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onboarding-tracker-bench-'));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const dataDir = path.join(dir, 'pg');
  let db: Awaited<ReturnType<typeof startEmbeddedDatabase>> | undefined;
  try {
    // pg_stat_statements must be preloaded: set it, then restart the fresh server once.
    db = await startEmbeddedDatabase({ dir: dataDir, port });
    await onServer(db.url('postgres'), (c) =>
      c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`),
    );
    await db.stop();
    db = await startEmbeddedDatabase({ dir: dataDir, port });
    await db.createDatabaseIfMissing(name);
    await migrate(db.url(name), undefined, { runtimeRole: db.runtimeRole() });
    const postmasterPid = Number(
      fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const running = db;
    return {
      ownerUrl: db.url(name),
      appUrl: db.runtimeUrl(name),
      describe: `embedded PostgreSQL on 127.0.0.1:${port}, data in ${dir}`,
      statStatementsMissing: await enableStatStatements(db.url(name)),
      serverCpuMs: () => processTreeCpuMs(postmasterPid),
      cleanup: async () => {
        await running.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await db?.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
