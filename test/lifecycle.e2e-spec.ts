import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './helpers/free-port';
import { createTestDatabase } from './helpers/test-database';
import { startService, waitForReady } from './helpers/service-process';

// The built service (dist/main.js, what `npm start` runs) as a separate process: embedded
// database, start-up, SIGTERM shutdown, and a second start on the same data.
jest.setTimeout(120_000);

describe('service lifecycle (dist/main.js)', () => {
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
