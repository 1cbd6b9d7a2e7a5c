import { isDatabaseUnavailable } from '../common/errors/database-unavailable';
import { databasePlace } from './database-place';
import { describeStartupError } from './startup-errors';

// Sign-in refused (password, pg_hba), or no such host: nothing a retry would change.
const CANNOT_CONNECT = new Set(['28P01', '28000', 'ENOTFOUND', 'EAI_AGAIN']);
const PERMISSION_DENIED = '42501';

function codesOf(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 4) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  return [
    ...(typeof code === 'string' ? [code] : []),
    ...codesOf(cause, depth + 1),
    ...(Array.isArray(errors) ? errors.flatMap((inner) => codesOf(inner, depth + 1)) : []),
  ];
}

/**
 * What `npm run db:migrate` prints when it fails: what went wrong, where, and which variable to
 * look at. It printed the driver's bare "connect ECONNREFUSED 127.0.0.1:5432" or "Invalid URL".
 */
export function explainMigrationFailure(error: unknown, url: string, variable: string): string {
  const place = databasePlace(url);
  if (place === undefined) {
    return `${variable} is not a PostgreSQL URL; it should look like postgresql://user:password@host:5432/database.`;
  }
  const reason = describeStartupError(error);
  const codes = codesOf(error);
  if (isDatabaseUnavailable(error) || codes.some((code) => CANNOT_CONNECT.has(code))) {
    return (
      `Cannot connect to the database at ${place} (${variable}): ${reason}. ` +
      `Check that PostgreSQL is running there and that ${variable} is right.`
    );
  }
  if (codes.includes(PERMISSION_DENIED) || /permission denied/i.test(reason)) {
    return (
      `${variable}'s login may not change the schema of ${place}: ${reason}. ` +
      (variable === 'DATABASE_URL'
        ? "Set MIGRATION_DATABASE_URL to the schema owner's login (the service keeps DATABASE_URL's)."
        : 'Use the login that owns the schema (the one that created its tables).')
    );
  }
  return `Migrating the database at ${place} (${variable}) failed: ${reason}`;
}
