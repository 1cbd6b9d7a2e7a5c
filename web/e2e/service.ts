import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/helpers/free-port';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The people and key the service is started with (the tests sign in as this admin). */
export const ADMIN = {
  email: 'admin@onboarding.test',
  password: 'Kestrel-orbit-7-lantern',
  key: 'otk_browser-tests-admin-key-0123456789abcdefghijkl',
};

/** Where the started service tells the tests it listens (set by global setup, read by workers). */
export const ENV_BASE_URL = 'OT_BROWSER_BASE_URL';
export const STORAGE_STATE = path.join(ROOT, 'test-results', '.auth', 'admin.json');

export interface RunningService {
  url: string;
  /** What the service printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/main.js` on a fresh embedded PostgreSQL and waits until it is ready. Without
 * the bootstrap admin, nobody can sign in and the service prints a one-time setup link instead.
 */
export async function startService({
  bootstrapAdmin = true,
  env: extraEnv = {},
  port: chosenPort,
}: {
  bootstrapAdmin?: boolean;
  /** More settings for this service, e.g. a webhook to deliver escalations to. */
  env?: Record<string, string>;
  /** Its port, when a setting must name it beforehand (a single sign-on redirect URL); else any free one. */
  port?: number;
} = {}): Promise<RunningService> {
  const main = path.join(ROOT, 'dist', 'main.js');
  const webIndex = path.join(ROOT, 'dist', 'web', 'index.html');
  if (!fs.existsSync(main) || !fs.existsSync(webIndex)) {
    throw new Error('No build to test: run `npm run build` first (`npm run test:browser` does)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onboarding-tracker-browser-'));
  // The embedded server runs as another user when we are root; it must reach its directory.
  fs.chmodSync(dir, 0o777);
  const [port, dbPort] = [chosenPort ?? (await freePort()), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_DB_DIR: path.join(dir, 'pg'),
    EMBEDDED_DB_PORT: String(dbPort),
    ...(bootstrapAdmin
      ? {
          BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
          BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
          BOOTSTRAP_ADMIN_KEY: ADMIN.key,
        }
      : {}),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: process.env.SERVICE_LOG_LEVEL ?? 'warn',
    LOG_FORMAT: 'json',
    ESCALATION_ENABLED: 'false',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  if (!bootstrapAdmin) {
    for (const name of [
      'BOOTSTRAP_ADMIN_EMAIL',
      'BOOTSTRAP_ADMIN_PASSWORD',
      'BOOTSTRAP_ADMIN_KEY',
    ]) {
      delete env[name];
    }
  }
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.pipe(process.stderr);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child, 120_000);
  } catch (error) {
    await stop(child);
    process.stderr.write(output);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    output: () => output,
    async stop() {
      await stop(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The service exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The service was not ready within ${timeoutMs} ms`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
