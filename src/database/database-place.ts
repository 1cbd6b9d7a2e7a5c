/**
 * Where a PostgreSQL URL points, as start-up and migration messages name it: host:port/database,
 * never the login or password. Undefined when it is not a postgres:// or postgresql:// URL.
 */
export function databasePlace(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') return undefined;
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return undefined;
  }
}
