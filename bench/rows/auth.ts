/**
 * What authentication adds to a request: GET /api/v1/me (an ADMIN principal: no database work of
 * its own) by API key and by session cookie, against GET /health/live (public: no authentication),
 * interleaved call by call. The baseline is one lookup of the key or session row in PostgreSQL —
 * what authenticating costs when every request asks the database.
 */
import { hashApiKeySecret } from '../../src/auth/api-key-secret';
import { hashSecretToken } from '../../src/auth/domain/secret-token';
import type { BenchContext } from '../lib/context';
import { interleaved, latencyOf, log, ms, showLatency } from '../lib/measure';
import { statementProfile } from '../lib/statements';
import type { Verdict } from '../lib/verdict';

const CALLS = 1500;
const TARGET_MS = 1;

export async function authRows(
  ctx: BenchContext,
  secrets: { key: string; sessionToken: string },
): Promise<Verdict[]> {
  const { send, pool } = ctx;
  const expect200 = (path: string, headers?: Record<string, string>) => async () => {
    const res = await send('GET', path, headers);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  };
  const keyHash = hashApiKeySecret(secrets.key);
  const sessionHash = hashSecretToken(secrets.sessionToken);
  const kinds = [
    expect200('/health/live'),
    expect200('/api/v1/me', ctx.key),
    expect200('/api/v1/me', ctx.session),
    () => pool.query('SELECT * FROM api_key WHERE hash = $1', [keyHash]),
    () =>
      pool.query(
        `SELECT s.*, u.* FROM user_session s JOIN app_user u ON u.id = s.user_id
          WHERE s.token_hash = $1`,
        [sessionHash],
      ),
  ];
  await interleaved(100, kinds);
  const [live, byKey, bySession, keyRow, sessionRow] = (await interleaved(CALLS, kinds)).map(
    latencyOf,
  );
  log(`Authentication, x${CALLS} each, interleaved call by call:`);
  log(`  GET /health/live (no authentication): ${showLatency(live)}`);
  log(`  GET /api/v1/me by API key:            ${showLatency(byKey)}`);
  log(`  GET /api/v1/me by session cookie:     ${showLatency(bySession)}`);
  log(`  one api_key lookup in SQL:            ${showLatency(keyRow)}`);
  log(`  one user_session + app_user lookup:   ${showLatency(sessionRow)}`);
  await statementProfile(ctx.scratch, 'request by API key', 200, async () => {
    for (let i = 0; i < 200; i++) await kinds[1]();
  });
  await statementProfile(ctx.scratch, 'request by session', 200, async () => {
    for (let i = 0; i < 200; i++) await kinds[2]();
  });
  log();
  const row = (name: string, calls: typeof byKey, lookup: typeof keyRow): Verdict => {
    const added = calls.p50 - live.p50;
    return {
      name: `authentication by ${name}, p50 added`,
      figure: ms(added),
      baseline: `one lookup ${ms(lookup.p50)}`,
      comparison: `${(added / lookup.p50).toFixed(2)}x a lookup`,
      target: `< ${TARGET_MS} ms`,
      pass: added < TARGET_MS,
    };
  };
  return [row('API key', byKey, keyRow), row('session', bySession, sessionRow)];
}
