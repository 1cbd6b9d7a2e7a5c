import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'prisma', 'migrations');

export function dbmateBinary(): string {
  const ext = process.platform === 'win32' ? '.exe' : '';
  return require.resolve(`@dbmate/${process.platform}-${process.arch}/bin/dbmate${ext}`);
}

/** dbmate wants to know whether to use TLS; local servers speak plain TCP. */
export function withSslMode(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('sslmode')) parsed.searchParams.set('sslmode', 'disable');
  return parsed.toString();
}

/**
 * Applies pending SQL migrations from prisma/migrations with dbmate. Each migration runs in its
 * own transaction, so a failing one leaves the schema as it was.
 * Returns dbmate's report (the names of the migrations it applied).
 */
export async function migrate(
  url: string,
  migrationsDir: string = MIGRATIONS_DIR,
): Promise<string> {
  const args = [
    '--url',
    withSslMode(url),
    '--migrations-dir',
    migrationsDir,
    '--migrations-table',
    'schema_migrations',
    '--no-dump-schema',
    'up',
  ];
  try {
    const { stdout } = await run(dbmateBinary(), args, {
      env: { ...process.env, DATABASE_URL: '' },
    });
    return stdout;
  } catch (error) {
    // dbmate's own message, without the command line (which holds the connection password).
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    const code = (error as { code?: unknown }).code;
    throw new Error(`Migration failed: ${stderr || `dbmate exited with ${String(code)}`}`);
  }
}
