// Single sign-on against the artifact we ship: starts the local provider (provider.mjs) and the
// built service (`node dist/main.js`, after `npx nest build`) as processes, then signs in over real
// HTTP as a browser would — login redirect, the provider's login form, callback, session — and
// checks a refused person, a tampered state and an open redirect. Exits 1 on the first failure.
//
//   npx nest build && DATABASE_URL=postgresql://… node test/oidc/smoke.mjs
//
// Without DATABASE_URL the service starts its embedded PostgreSQL in a temporary directory.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { clearTimeout, setTimeout } from 'node:timers';
import { URLSearchParams } from 'node:url';

const { fetch } = globalThis;

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..', '..');
const children = [];

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function start(args, env, ready) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
  children.push(child);
  let output = '';
  child.output = () => output;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 120 s:\n${output}`)), 120_000);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited ${code}:\n${output}`)));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output += `${line}\n`;
        const value = ready(line);
        if (value !== undefined) {
          clearTimeout(timer);
          resolve(value);
        }
      });
    }
  });
}

function check(condition, message) {
  if (!condition) throw new Error(`FAILED: ${message}`);
  console.log(`ok - ${message}`);
}

/** Cookies per site (name → value); paths ignored, which these few requests do not need. */
const jars = new Map();
async function browse(url, init = {}) {
  const origin = new URL(url).origin;
  const jar = jars.get(origin) ?? new Map();
  jars.set(origin, jar);
  const res = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: {
      Accept: 'text/html',
      Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      ...init.headers,
    },
  });
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const index = pair.indexOf('=');
    jar.set(pair.slice(0, index), pair.slice(index + 1));
  }
  return res;
}

/** From the app's login redirect to the callback URL, through the provider's login form. */
async function throughProvider(appUrl, email, returnTo = '/overdue') {
  const login = await browse(`${appUrl}/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
  if (login.status !== 302) throw new Error(`login answered ${login.status}`);
  let url = new URL(login.headers.get('location'));
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin === appUrl) return url;
    const res = await browse(url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location'), url);
      continue;
    }
    const action = /action="([^"]+)"/.exec(await res.text())[1];
    const posted = await browse(new URL(action, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: email, password: 'correct horse' }).toString(),
    });
    url = new URL(posted.headers.get('location'), url);
  }
  throw new Error('too many redirects');
}

async function main() {
  const appPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  const redirectUrl = `${appUrl}/auth/oidc/callback`;
  const { issuer } = await start(
    [join(here, 'provider.mjs')],
    {
      OIDC_TEST_PROVIDER: JSON.stringify({
        redirectUris: [redirectUrl],
        accounts: [
          { sub: 'ada', email: 'ada@example.com', emailVerified: true, name: 'Ada Lovelace' },
          { sub: 'eve', email: 'eve@elsewhere.example', emailVerified: true },
        ],
      }),
    },
    (line) => (line.startsWith('{"issuer"') ? JSON.parse(line) : undefined),
  );
  console.log(`provider at ${issuer}`);

  const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'ot-smoke-'));
  // Embedded PostgreSQL may run as another user when started by root: let it in.
  if (dataDir) chmodSync(dataDir, 0o777);
  children.cleanup = () => dataDir && rmSync(dataDir, { recursive: true, force: true });
  const service = await start(
    ['dist/main.js'],
    {
      PORT: String(appPort),
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      ESCALATION_ENABLED: 'false',
      ...(dataDir
        ? { EMBEDDED_DB_DIR: join(dataDir, 'pg'), EMBEDDED_DB_PORT: String(await freePort()) }
        : {}),
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'onboarding-tracker',
      OIDC_CLIENT_SECRET: 'onboarding-tracker-test-secret',
      OIDC_REDIRECT_URL: redirectUrl,
      OIDC_AUTO_PROVISION_DOMAINS: 'example.com',
    },
    (line) => (line.includes('Listening on') ? children.at(-1) : undefined),
  );
  console.log(`service (dist/main.js) at ${appUrl}`);

  const providers = await (await fetch(`${appUrl}/auth/providers`)).json();
  check(providers.oidc === true, 'GET /auth/providers says oidc: true');

  const callback = await throughProvider(appUrl, 'ada@example.com');
  check(callback.pathname === '/auth/oidc/callback', 'the provider sends the browser back');
  const tampered = new URL(callback);
  tampered.searchParams.set('state', 'tampered');
  const refused = await browse(tampered);
  check(
    refused.headers.get('location') === '/login?error=sso_state_mismatch',
    'a tampered state is refused (start again)',
  );
  const done = await browse(callback);
  check(
    done.status === 302 && done.headers.get('location') === '/overdue',
    'signed in: 302 to returnTo',
  );
  const me = await browse(`${appUrl}/api/v1/me`, { headers: { Accept: 'application/json' } });
  const body = await me.json();
  check(
    me.status === 200 && body.email === 'ada@example.com',
    `GET /api/v1/me: ${JSON.stringify(body)}`,
  );
  check(body.role === 'STAFF', 'provisioned as STAFF by domain');
  const replay = await browse(callback);
  check(
    replay.headers.get('location') === '/login?error=sso_state_mismatch',
    'a replayed callback is refused (start again)',
  );

  jars.clear();
  const unknown = await browse(await throughProvider(appUrl, 'eve@elsewhere.example'));
  check(
    unknown.headers.get('location') === '/login?error=sso_unknown_user&returnTo=%2Foverdue',
    'an unknown email is refused, back to the sign-in page with its returnTo',
  );
  // The service logs every sign-in and refusal (pino JSON lines).
  await new Promise((resolve) => setTimeout(resolve, 200));
  const events = service
    .output()
    .split('\n')
    .filter((line) => line.includes('"event":"oidc.'))
    .map((line) => JSON.parse(line));
  const signedIn = events.find((e) => e.event === 'oidc.sign_in');
  check(
    signedIn?.email === 'ada@example.com' && signedIn.provisioned === true,
    `the sign-in is logged (oidc.sign_in, user ${signedIn?.userId}, provisioned)`,
  );
  check(
    events.some((e) => e.event === 'oidc.sign_in_refused' && e.reason === 'sso_unknown_user'),
    'the refusal is logged with its reason',
  );
  check(
    events.some(
      (e) =>
        e.event === 'oidc.callback_refused' &&
        e.level === 40 &&
        e.reason === 'unknown, used or expired state',
    ),
    'the tampered state is logged as a warning with its reason',
  );
  check(
    !/ExperimentalWarning|Error \[ERR_REQUIRE_ESM\]/.test(service.output()),
    'openid-client loads by require() without warnings',
  );
  const open = await fetch(`${appUrl}/auth/oidc/login?returnTo=//evil.example`, {
    redirect: 'manual',
  });
  check(open.status === 400, 'an open-redirect returnTo is refused with 400');
}

async function stopAll() {
  for (const child of children.reverse()) {
    if (child.exitCode !== null) continue;
    await new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
  children.cleanup?.();
}

main().then(
  async () => {
    await stopAll();
    console.log('smoke test passed');
  },
  async (error) => {
    console.error(error.message);
    await stopAll();
    process.exit(1);
  },
);
