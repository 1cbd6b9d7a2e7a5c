import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ENV_ADMIN_URL, withDatabase } from './setup/test-postgres';

const run = promisify(execFile);
const CLI = path.join(__dirname, '..', 'dist', 'database', 'migrate.cli.js');

/** Runs the built `db:migrate` as an operator would; its exit code and what it printed. */
async function migrateCli(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI], {
      env: { PATH: process.env.PATH, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * `npm run db:migrate` is what an operator runs by hand or in a deployment: a failure says what
 * went wrong, where and which variable to check, in one sentence — not the driver's bare
 * "connect ECONNREFUSED".
 */
describe('npm run db:migrate, when it cannot', () => {
  const adminUrl = () => process.env[ENV_ADMIN_URL]!;

  it('says where it could not connect and which variable to check, without the password', async () => {
    const wrongPassword = new URL(adminUrl());
    wrongPassword.password = 'not-the-password';
    const refused = new URL(adminUrl());
    refused.port = '1';
    for (const url of [wrongPassword.toString(), refused.toString()]) {
      const result = await migrateCli({ DATABASE_URL: url });
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^Cannot connect to the database at 127\.0\.0\.1:\d+\/\S* \(DATABASE_URL\): .+\. Check that PostgreSQL is running there and that DATABASE_URL is right\.$/,
      );
      expect(lines[0]).not.toContain('not-the-password');
    }
    const owner = await migrateCli({
      DATABASE_URL: adminUrl(),
      MIGRATION_DATABASE_URL: refused.toString(),
    });
    expect(owner.stderr).toMatch(
      /\(MIGRATION_DATABASE_URL\).*that MIGRATION_DATABASE_URL is right/,
    );
  });

  it('says a URL is not one, and what one looks like', async () => {
    const result = await migrateCli({ DATABASE_URL: 'localhost:5432/onboarding' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'DATABASE_URL is not a PostgreSQL URL; it should look like postgresql://user:password@host:5432/database.',
    );
  });

  it("says a login that may not change the schema needs the owner's, naming MIGRATION_DATABASE_URL", async () => {
    const tag = randomBytes(5).toString('hex');
    const database = `ot_cli_${tag}`;
    const login = `ot_cli_login_${tag}`;
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
      await admin.query(`CREATE ROLE "${login}" LOGIN PASSWORD 'cli-test-password'`);
      const url = new URL(withDatabase(adminUrl(), database));
      url.username = login;
      url.password = 'cli-test-password';
      const result = await migrateCli({ DATABASE_URL: url.toString() });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(
        /^DATABASE_URL's login may not change the schema of .*permission denied.*Set MIGRATION_DATABASE_URL to the schema owner's login/,
      );
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS "${login}"`);
      await admin.end();
    }
  });
});
