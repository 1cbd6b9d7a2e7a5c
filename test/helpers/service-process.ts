import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
/** The artifact `npm start` runs: the `nest build` output (built by `npm test`'s pretest). */
export const BUILT_MAIN = path.join(ROOT, 'dist', 'main.js');

export interface ServiceProcess {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** The exit code, or the signal's name when a signal ended it before any handler existed. */
  exited: Promise<number | string | null>;
  /** Sends a signal to the whole process group, as a terminal's Ctrl-C does. */
  signalGroup(signal: NodeJS.Signals): void;
}

/**
 * The built service as its own process, leading its own process group (like a shell job), with
 * DATABASE_URL cleared unless given so it uses an embedded database.
 */
export function startService(
  env: Record<string, string>,
  options: { viaNpm?: boolean } = {},
): ServiceProcess {
  if (!fs.existsSync(BUILT_MAIN)) {
    throw new Error(`${BUILT_MAIN} is missing: run "npm run build" (npm test does it first)`);
  }
  // `npm start` as a person types it (its prestart build already done by `npm test`).
  const [command, args] = options.viaNpm
    ? ['npm', ['start', '--ignore-scripts', '--silent']]
    : [process.execPath, [BUILT_MAIN]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      TEST_DATABASE_URL: '',
      LOG_FORMAT: 'json',
      // The default configuration, escalation jobs included: they connect too, as the same role.
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    child,
    pid: child.pid!,
    output: () => output,
    exited,
    signalGroup: (signal) => process.kill(-child.pid!, signal),
  };
}

export async function waitForReady(
  port: number,
  running: ServiceProcess,
  timeoutMs = 60_000,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (running.child.exitCode !== null) throw new Error(`service exited:\n${running.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`service not ready in time:\n${running.output()}`);
}

/** Waits until `text` appears in the output (or the process exits). */
export async function waitForOutput(
  running: ServiceProcess,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pattern.test(running.output())) return;
    if (running.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never saw ${pattern} in:\n${running.output()}`);
}

/** PIDs of PostgreSQL server processes running on the given data directory. */
export function postgresPidsFor(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (path.basename(cmd[0]) === 'postgres' && cmd.includes(dataDir)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The postmaster's pid from its pid file, if a server holds the directory. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

export function killQuietly(running: ServiceProcess | undefined): void {
  if (!running || running.child.exitCode !== null) return;
  try {
    process.kill(-running.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The messages of a service's output: each JSON log line's `msg`, any other line as it is. */
export function messagesOf(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        const parsed = JSON.parse(line) as { msg?: unknown };
        return typeof parsed?.msg === 'string' ? parsed.msg : line;
      } catch {
        return line;
      }
    });
}
