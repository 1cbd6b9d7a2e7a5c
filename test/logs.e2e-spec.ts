import { createTestDatabase, TestDatabase } from './helpers/test-database';
import { killQuietly, ServiceProcess, startService, waitForReady } from './helpers/service-process';
import { Client } from 'pg';
import { freePort } from './helpers/free-port';
import { ENV_ADMIN_URL } from './setup/test-postgres';

jest.setTimeout(60_000);

const KEY = 'otk_logs-test-key-0123456789abcdefghijklmnop';

/**
 * The built service's output as an operator reads it in a terminal or a file: one readable line
 * per request, no colour codes when the output is not a terminal, and no route map at info.
 */
describe('logs of the built service', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    port = await freePort();
    // Piped, as under a supervisor or `> file`: not a terminal.
    service = startService({
      PORT: String(port),
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: KEY,
      LOG_FORMAT: 'pretty',
      LOG_LEVEL: 'info',
    });
    await waitForReady(port, service);
  });
  afterAll(async () => {
    killQuietly(service);
    await db.drop();
  });

  it('never prints an invitation or password-reset token: not for the API, not for the page people open', async () => {
    const token = 'Zq3tokenThatMustNotBeLogged0123456789abcdefgh';
    for (const path of [
      `/invitations/${token}`,
      `/Invitations/${token}`,
      `/auth/invitations/${token}`,
      `/auth/invitations/${token}/accept`,
    ]) {
      await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'X-Request-Id': 'logs-token' } });
    }
    await new Promise((r) => setTimeout(r, 300));
    const lines = service
      .output()
      .split('\n')
      .filter((line) => line.includes('logs-token'));
    expect(lines).toHaveLength(4);
    expect(service.output()).not.toContain(token);
  });

  it('prints one line per request with method, path, status, time and request id', async () => {
    const id = 'logs-check-1';
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/me?x=1`, {
      headers: { Authorization: `Bearer ${KEY}`, 'X-Request-Id': id, 'User-Agent': 'probe' },
    });
    expect(res.status).toBe(200);
    const refused = await fetch(`http://127.0.0.1:${port}/api/v1/customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'logs-check-2' },
      body: '{not json',
    });
    expect(refused.status).toBe(400);
    await new Promise((r) => setTimeout(r, 300));
    const lines = service.output().split('\n');
    const mine = lines.filter((line) => line.includes('logs-check-1'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/GET \/api\/v1\/me 200 \d+ms/);
    expect(mine[0].length).toBeLessThan(300);
    expect(mine[0]).not.toMatch(/otk_|user-agent|probe|x=1/i);
    // Refused by the body parser, before routing: still one line, with its id.
    const parserLine = lines.filter((line) => line.includes('logs-check-2'));
    expect(parserLine).toHaveLength(1);
    expect(parserLine[0]).toMatch(/POST \/api\/v1\/customers 400 \d+ms/);
  });

  it("carries the request's id on what a service logs while handling it", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/users`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${KEY}`,
        'Content-Type': 'application/json',
        'X-Request-Id': 'logs-check-3',
      },
      body: JSON.stringify({ email: 'logged.invite@wso2.example', role: 'STAFF' }),
    });
    expect(res.status).toBe(201);
    const { id } = ((await res.json()) as { user: { id: string } }).user;
    await new Promise((r) => setTimeout(r, 300));
    const lines = service.output().split('\n');
    const invited = lines.filter((line) => line.includes(`invited user ${id}`));
    expect(invited).toHaveLength(1);
    expect(invited[0]).toContain('logs-check-3');
    // Nothing of the request beyond its id is bound to the service's lines.
    expect(invited[0]).not.toMatch(/authorization|otk_|headers/i);
  });

  it('has no colour codes and no route map at info level', () => {
    const output = service.output();
    // eslint-disable-next-line no-control-regex
    expect(output).not.toMatch(/\u001b\[/);
    expect(output).not.toMatch(/Mapped \{|RoutesResolver|InstanceLoader/);
    expect(output).toMatch(/Listening on http:\/\/localhost:\d+/);
  });
});

// A log shipper reading JSON lines takes every line of the output, from the first to "Stopped".
describe('logs of the built service as JSON lines', () => {
  it('writes every line as JSON under LOG_FORMAT=json, start-up warnings and Stopped included', async () => {
    const db = await createTestDatabase();
    const port = await freePort();
    // DATABASE_URL's login owns the schema: start-up warns about it before the logger exists. A
    // first ADMIN is given, so no one-time setup link is printed (that one is plain text on
    // purpose: a pipeline parsing JSON lines drops it instead of indexing a secret).
    const service = startService({
      PORT: String(port),
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: KEY,
      BOOTSTRAP_ADMIN_EMAIL: 'json.logs@example.test',
      BOOTSTRAP_ADMIN_PASSWORD: 'Copper-lantern-58-meadow',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    });
    try {
      await waitForReady(port, service);
      await fetch(`http://127.0.0.1:${port}/api/v1/me`, {
        headers: { Authorization: `Bearer ${KEY}` },
      });
      service.signalGroup('SIGTERM');
      expect(await service.exited).toBe(0);
      const lines = service
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '');
      const notJson = lines.filter((line) => {
        try {
          return typeof JSON.parse(line) !== 'object';
        } catch {
          return true;
        }
      });
      expect(notJson).toEqual([]);
      const messages = lines.map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '');
      expect(messages).toContainEqual(expect.stringContaining('runs as the schema owner'));
      expect(messages).toContain('Stopped');
    } finally {
      killQuietly(service);
      await db.drop();
    }
  });
});

// During an outage every request fails: an operator reads one warning per request, saying why.
describe('logs of the built service while its database refuses connections', () => {
  it('one warning line per refused request, with the reason on it', async () => {
    const db = await createTestDatabase();
    const port = await freePort();
    const service = startService({
      PORT: String(port),
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: KEY,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    });
    const admin = new Client({ connectionString: process.env[ENV_ADMIN_URL] });
    await admin.connect();
    try {
      await waitForReady(port, service);
      await admin.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
        [db.name],
      );
      let refused: Response | undefined;
      for (let attempt = 0; attempt < 20 && refused?.status !== 503; attempt++) {
        refused = await fetch(`http://127.0.0.1:${port}/api/v1/customers`, {
          headers: { Authorization: `Bearer ${KEY}`, 'X-Request-Id': `outage-${attempt}` },
        });
      }
      expect(refused?.status).toBe(503);
      const id = refused!.headers.get('x-request-id');
      await new Promise((r) => setTimeout(r, 300));
      const lines = service
        .output()
        .split('\n')
        .filter((line) => line.includes(`"${id}"`))
        .map((line) => JSON.parse(line) as { level: number; msg: string; status?: number });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 40, status: 503 });
      expect(lines[0].msg).toMatch(/^GET \/api\/v1\/customers 503 \d+ms: .+/);
    } finally {
      await admin.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS true`).catch(() => {});
      await admin.end();
      killQuietly(service);
      await db.drop();
    }
  });
});
