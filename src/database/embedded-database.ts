import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { checkDataDirAccess, makeDirectories, osUser, type OsUser } from './data-dir-access';
import { CommandFailedError, runDetached } from './detached-process';
import { EmbeddedDatabaseError } from './embedded-database-error';
import { postgresBinaries, type PostgresBinaries } from './postgres-binaries';
import type { RuntimeRole } from './runtime-role';

/** What the app and tests need of an embedded PostgreSQL server. */
export interface EmbeddedDatabase {
  /** Connection string of the given database on this server (as its superuser). */
  url(database: string): string;
  /** The service's own login on this server (created by migrations), with its password. */
  runtimeRole(): RuntimeRole;
  /** Connection string of the given database as the runtime role. */
  runtimeUrl(database: string): string;
  createDatabaseIfMissing(database: string): Promise<void>;
  stop(): Promise<void>;
}

export { EmbeddedDatabaseError };

export interface EmbeddedDatabaseOptions {
  dir: string;
  port: number;
  onLog?: (message: string) => void;
  /** Called with a line to log when the server died under us and is being restarted. */
  onWarn?: (message: string) => void;
  /** Called when the server died and could not be restarted: the process should exit. */
  onFatal?: (message: string) => void;
}

const SUPERUSER = 'postgres';
/** Kept inside the data directory, mode 600: the superuser password of this one server. */
const PASSWORD_FILE = 'onboarding-tracker.password';
/** The runtime role's password, likewise (the role itself is made by the migration step). */
const RUNTIME_PASSWORD_FILE = 'onboarding-tracker.app-password';
const RUNTIME_ROLE = 'onboarding_app';
/** The pid of the service that runs this server, to tell a crashed run from a running one. */
const OWNER_FILE = 'onboarding-tracker.owner';
const LEGACY_PASSWORD = 'postgres';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const RESTART_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];

/**
 * Starts (initialising on first use) a real PostgreSQL server whose data lives in `dir`, in its
 * own process group so that a terminal's Ctrl-C reaches only the service, which then stops the
 * server after draining. A second start on the same directory reuses its data.
 */
export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const server = new EmbeddedServer(path.resolve(options.dir), options);
  await server.start();
  return {
    url: (database) => server.url(database),
    runtimeRole: () => server.runtimeRole(),
    runtimeUrl: (database) => server.url(database, server.runtimeRole()),
    createDatabaseIfMissing: (database) => server.createDatabaseIfMissing(database),
    stop: () => server.stop(),
  };
}

class EmbeddedServer {
  private child: ChildProcess | undefined;
  private password = '';
  private stopping = false;
  private restarts: number[] = [];
  private runAs: OsUser | undefined;
  private binaries!: PostgresBinaries;
  // A crash of this process must not leave the server running: it is in its own process group.
  private readonly onProcessExit = () => {
    if (this.child?.pid && this.child.exitCode === null) this.child.kill('SIGINT');
  };

  constructor(
    private readonly dir: string,
    private readonly options: EmbeddedDatabaseOptions,
  ) {}

  url(database: string, role?: RuntimeRole): string {
    const user = encodeURIComponent(role?.user ?? SUPERUSER);
    const password = encodeURIComponent(role?.password ?? this.password);
    return `postgresql://${user}:${password}@127.0.0.1:${this.options.port}/${encodeURIComponent(database)}`;
  }

  runtimeRole(): RuntimeRole {
    const file = path.join(this.dir, RUNTIME_PASSWORD_FILE);
    if (!fs.existsSync(file)) {
      fs.writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
    }
    return { user: RUNTIME_ROLE, password: fs.readFileSync(file, 'utf8').trim() };
  }

  async start(): Promise<void> {
    // PostgreSQL refuses to run as root; it then runs as the system user "postgres".
    if (process.getuid?.() === 0) this.runAs = await osUser(SUPERUSER, { create: true });
    this.binaries = await postgresBinaries();
    checkDataDirAccess(this.dir, [this.binaries.initdb, this.binaries.postgres], this.runAs);
    if (!fs.existsSync(path.join(this.dir, 'PG_VERSION'))) await this.initialise();
    await this.takeOverFromCrashedRun();
    await assertPortFree(this.options.port);
    await this.spawnServer();
    this.password = await this.ensureOwnPassword();
    fs.writeFileSync(path.join(this.dir, OWNER_FILE), String(process.pid), { mode: 0o600 });
    process.on('exit', this.onProcessExit);
  }

  private async initialise(): Promise<void> {
    // Only the data directory itself is private; the parents must stay enterable by the server.
    try {
      makeDirectories(path.dirname(this.dir));
      makeDirectories(this.dir, 0o700);
      if (this.runAs) fs.chownSync(this.dir, this.runAs.uid, this.runAs.gid);
    } catch (error) {
      throw new EmbeddedDatabaseError(
        `Cannot create the embedded database's directory ${this.dir} (EMBEDDED_DB_DIR): ` +
          `${(error as Error).message}. Choose a directory this user can write to, or set DATABASE_URL.`,
      );
    }
    const password = randomBytes(24).toString('base64url');
    // initdb reads the password from a file (it wants an empty directory, so the file sits beside
    // it, never in a shared /tmp), removed as soon as initdb is done.
    const pwfile = path.join(path.dirname(this.dir), `.${path.basename(this.dir)}.initdb-password`);
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (this.runAs) fs.chownSync(pwfile, this.runAs.uid, this.runAs.gid);
    try {
      await runDetached(
        this.binaries.initdb,
        [
          `--pgdata=${this.dir}`,
          '--auth=scram-sha-256',
          `--username=${SUPERUSER}`,
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        {
          runAs: this.runAs,
          env: { ...process.env, LC_MESSAGES: 'C' },
          onStdout: (text) => this.options.onLog?.(text),
        },
      );
    } catch (error) {
      throw new EmbeddedDatabaseError(
        `Could not initialise the embedded PostgreSQL in ${this.dir}: ${(error as Error).message}`,
        { cause: error },
      );
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
    this.writePassword(password);
  }

  private writePassword(password: string): void {
    fs.writeFileSync(path.join(this.dir, PASSWORD_FILE), password, { mode: 0o600 });
  }

  /**
   * A service killed without stopping (kill -9, OOM) leaves its PostgreSQL running. If the service
   * that started it is gone, stop that server and start our own; if it is alive, it is another
   * instance on the same data, and two must never share one directory.
   */
  private async takeOverFromCrashedRun(): Promise<void> {
    const postmasterPid = readPid(path.join(this.dir, 'postmaster.pid'));
    if (postmasterPid === undefined || !isAlive(postmasterPid)) return;
    const ownerPid = readPid(path.join(this.dir, OWNER_FILE));
    if (ownerPid !== undefined && ownerPid !== process.pid && isAlive(ownerPid)) {
      throw new EmbeddedDatabaseError(
        `Another Onboarding Tracker (pid ${ownerPid}) is using the embedded database in ${this.dir}. ` +
          'Stop it first, or give this instance its own EMBEDDED_DB_DIR and EMBEDDED_DB_PORT.',
      );
    }
    this.options.onWarn?.(
      `A PostgreSQL (pid ${postmasterPid}) was left running on ${this.dir} by a run that did not stop cleanly; stopping it`,
    );
    if (!(await signalAndWait(postmasterPid, 'SIGINT', STOP_TIMEOUT_MS))) {
      await signalAndWait(postmasterPid, 'SIGQUIT', STOP_TIMEOUT_MS);
    }
  }

  private spawnServer(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        this.binaries.postgres,
        [
          '-D',
          this.dir,
          '-p',
          String(this.options.port),
          '-c',
          'listen_addresses=127.0.0.1',
          // TCP only: no socket files left in /tmp, no clash with a system PostgreSQL.
          '-c',
          'unix_socket_directories=',
        ],
        {
          detached: true,
          stdio: ['ignore', 'ignore', 'pipe'],
          ...(this.runAs ? { uid: this.runAs.uid, gid: this.runAs.gid } : {}),
          env: { ...process.env, LC_MESSAGES: 'C' },
        },
      );
      this.child = child;
      const recent: string[] = [];
      let ready = false;
      const timer = setTimeout(() => {
        child.kill('SIGQUIT');
        reject(new EmbeddedDatabaseError(`The embedded PostgreSQL did not start within a minute`));
      }, START_TIMEOUT_MS);
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        for (const line of chunk.split('\n').filter(Boolean)) {
          this.options.onLog?.(line);
          recent.push(line);
          if (recent.length > 20) recent.shift();
          if (!ready && line.includes('ready to accept connections')) {
            ready = true;
            clearTimeout(timer);
            resolve();
          }
        }
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new EmbeddedDatabaseError(`Could not run PostgreSQL: ${error.message}`));
      });
      child.on('exit', (code, signal) => {
        if (!ready) {
          clearTimeout(timer);
          const ended = new CommandFailedError(
            `exited with ${signal ?? `code ${code}`}`,
            '',
            signal,
          );
          reject(
            new EmbeddedDatabaseError(explainStartFailure(recent, this.options.port), {
              cause: ended,
            }),
          );
          return;
        }
        if (!this.stopping) this.onUnexpectedExit(code, signal);
      });
    });
  }

  /** The server died under a running service: restart it with backoff, or give up loudly. */
  private onUnexpectedExit(code: number | null, signal: NodeJS.Signals | null): void {
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < 60_000);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (this.restarts.length >= RESTART_DELAYS_MS.length) {
      this.options.onFatal?.(
        `The embedded PostgreSQL keeps exiting (${how}); giving up after ${this.restarts.length} restarts`,
      );
      return;
    }
    const delay = RESTART_DELAYS_MS[this.restarts.length];
    this.restarts.push(now);
    this.options.onWarn?.(
      `The embedded PostgreSQL exited (${how}); restarting it in ${delay} ms (attempt ${this.restarts.length})`,
    );
    setTimeout(() => {
      if (this.stopping) return;
      this.spawnServer().catch((error: Error) => {
        if (!this.stopping) this.onUnexpectedExit(null, null);
        this.options.onWarn?.(`Restarting the embedded PostgreSQL failed: ${error.message}`);
      });
    }, delay).unref();
  }

  /**
   * Data directories made before passwords were generated use the well-known "postgres": give
   * them their own now, so other local users cannot connect as the superuser.
   */
  private async ensureOwnPassword(): Promise<string> {
    const file = path.join(this.dir, PASSWORD_FILE);
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
    const fresh = randomBytes(24).toString('base64url');
    this.password = LEGACY_PASSWORD;
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD '${fresh}'`);
    } finally {
      await client.end();
    }
    this.writePassword(fresh);
    return fresh;
  }

  async createDatabaseIfMissing(database: string): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) {
        await client.query(`CREATE DATABASE ${escapeIdentifier(database)}`);
      }
    } finally {
      await client.end();
    }
  }

  /** Fast shutdown (SIGINT: disconnect clients, checkpoint), escalating if it hangs. */
  async stop(): Promise<void> {
    this.stopping = true;
    process.removeListener('exit', this.onProcessExit);
    const child = this.child;
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      if (!(await signalAndWait(child.pid, 'SIGINT', STOP_TIMEOUT_MS))) {
        await signalAndWait(child.pid, 'SIGQUIT', STOP_TIMEOUT_MS);
      }
    }
    this.child = undefined;
    if (readPid(path.join(this.dir, OWNER_FILE)) === process.pid) {
      fs.rmSync(path.join(this.dir, OWNER_FILE), { force: true });
    }
  }
}

function escapeIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the postgres user, when we are not root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function signalAndWait(pid: number, signal: NodeJS.Signals, timeoutMs: number) {
  try {
    process.kill(pid, signal);
  } catch {
    return true;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new EmbeddedDatabaseError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} (EMBEDDED_DB_PORT) is already in use by another program. ` +
                'Stop it, or set EMBEDDED_DB_PORT to a free port.'
            : `Cannot use port ${port} (EMBEDDED_DB_PORT): ${error.message}`,
        ),
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** PostgreSQL's own words for why it did not start, with what to do about the usual causes. */
function explainStartFailure(lines: string[], port: number): string {
  const log = lines.filter((l) => /FATAL|ERROR|PANIC|HINT|could not/i.test(l)).join(' / ');
  const text = log || lines.slice(-3).join(' / ') || 'no output';
  if (/Address already in use/i.test(text)) {
    return `The embedded PostgreSQL could not listen on port ${port}: it is in use. Set EMBEDDED_DB_PORT to a free port. (PostgreSQL said: ${text})`;
  }
  if (/lock file .* already exists/i.test(text)) {
    return `Another PostgreSQL is running on this data directory. Stop it, or set EMBEDDED_DB_DIR. (PostgreSQL said: ${text})`;
  }
  if (/permission denied/i.test(text)) {
    return `The embedded PostgreSQL cannot read its data directory (EMBEDDED_DB_DIR): give it back to the user that runs the service, or choose another directory. (PostgreSQL said: ${text})`;
  }
  return `The embedded PostgreSQL did not start. PostgreSQL said: ${text}`;
}
