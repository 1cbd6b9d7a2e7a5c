import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './setup/test-postgres';
import { createTestDatabase } from './helpers/test-database';

// The real entry point (src/main.ts) as a separate process: embedded database, start-up,
// SIGTERM shutdown, and a second start on the same data.
jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..');

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startService(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', TEST_DATABASE_URL: '', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForReady(port: number, running: Running): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`service exited:\n${running.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`service not ready in time:\n${running.output()}`);
}

describe('service lifecycle (src/main.ts)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ot-lifecycle-'));
  // Running as root, the server runs as a separate postgres user that must reach the data dir.
  fs.chmodSync(dir, 0o755);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs on an embedded database, stops cleanly on SIGTERM and reuses its data', async () => {
    const env = {
      PORT: String(await freePort()),
      EMBEDDED_DB_PORT: String(await freePort()),
      EMBEDDED_DB_DIR: path.join(dir, 'pg'),
    };
    const port = Number(env.PORT);

    const first = startService(env);
    await waitForReady(port, first);
    expect(first.output()).toMatch(
      /Database: embedded PostgreSQL at 127\.0\.0\.1:\d+\/onboarding_tracker/,
    );
    const printed = /\n\s+(otk_[A-Za-z0-9_-]+)\n/.exec(first.output());
    expect(printed).not.toBeNull();
    const key = printed![1];
    const keys = await fetch(`http://127.0.0.1:${port}/api/v1/api-keys`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(keys.status).toBe(200);
    // The key is shown once on the console and never in a log line.
    expect(first.output().split(key).length - 1).toBe(1);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(env.EMBEDDED_DB_DIR, 'postmaster.pid'))).toBe(false);

    const second = startService(env);
    await waitForReady(port, second);
    // Same data: the first key still works and no new key is printed.
    expect(second.output()).not.toMatch(/otk_/);
    const again = await fetch(`http://127.0.0.1:${port}/api/v1/api-keys`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as unknown[]).length).toBe(1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(fs.existsSync(path.join(env.EMBEDDED_DB_DIR, 'postmaster.pid'))).toBe(false);
  });

  it('uses DATABASE_URL when set and never starts an embedded server', async () => {
    const db = await createTestDatabase();
    try {
      const port = await freePort();
      const embeddedDir = path.join(dir, 'unused');
      const running = startService({
        PORT: String(port),
        DATABASE_URL: db.url,
        EMBEDDED_DB_DIR: embeddedDir,
        BOOTSTRAP_ADMIN_KEY: 'otk_lifecycle-test-key-0123456789abcdefghij',
      });
      await waitForReady(port, running);
      expect(running.output()).toMatch(
        /Database: PostgreSQL at 127\.0\.0\.1:\d+\/ot_test_\w+ \(DATABASE_URL\)/,
      );
      expect(running.output()).not.toContain('postgres:postgres');
      expect(fs.existsSync(embeddedDir)).toBe(false);
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('refuses bad configuration with one clear message and exit code 1', async () => {
    const running = startService({ PORT: 'eighty', ESCALATION_LEVELS: '7,1' });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('Invalid configuration');
    expect(running.output()).toContain('PORT must be a whole number');
    expect(running.output()).toContain('ESCALATION_LEVELS must be ascending');
  });
});
