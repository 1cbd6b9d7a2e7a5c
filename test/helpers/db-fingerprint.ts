/** Runs SQL and returns its rows: Prisma's $queryRawUnsafe or a pg client's query. */
export type RunSql = (sql: string) => Promise<Record<string, unknown>[]>;

/** A RunSql for a PrismaService (the in-process test apps). */
export const viaPrisma =
  (prisma: { $queryRawUnsafe<T>(sql: string): Promise<T> }): RunSql =>
  (sql) =>
    prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql);

/** A RunSql for a pg client (the built service's database). */
export const viaPg =
  (client: { query(sql: string): Promise<{ rows: Record<string, unknown>[] }> }): RunSql =>
  async (sql) =>
    (await client.query(sql)).rows;

/**
 * Bookkeeping that every request may touch without changing any data: when a key or session was
 * last used, failed sign-in counters. Everything else in the public schema is data.
 */
const BOOKKEEPING: Record<string, string[] | 'all'> = {
  schema_migrations: 'all',
  sign_in_throttle: 'all',
  rate_limit_counter: 'all',
  api_key: ['last_used_at'],
  user_session: ['last_seen_at', 'expires_at'],
};

/**
 * A cheap fingerprint of every table's content (row count and a hash of its rows, bookkeeping
 * columns left out), in one query: equal fingerprints before and after a request mean the
 * request changed nothing.
 */
export async function databaseFingerprint(run: RunSql): Promise<() => Promise<string>> {
  const columns = (await run(
    `SELECT table_name::text, column_name::text FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  )) as { table_name: string; column_name: string }[];
  const byTable = new Map<string, string[]>();
  for (const { table_name: table, column_name: column } of columns) {
    const skip = BOOKKEEPING[table];
    if (skip === 'all' || skip?.includes(column)) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), column]);
  }
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const sql = [...byTable.entries()]
    .map(([table, cols]) => {
      const row = `md5(row(${cols.map((c) => `t.${ident(c)}`).join(', ')})::text)`;
      return `SELECT '${table}' AS t, count(*)::int AS n,
                     md5(coalesce(string_agg(${row}, ',' ORDER BY ${row}), '')) AS h
                FROM ${ident(table)} t`;
    })
    .join('\nUNION ALL\n');
  return async () => {
    const rows = (await run(sql)) as { t: string; n: number; h: string }[];
    return rows
      .sort((a, b) => a.t.localeCompare(b.t))
      .map((r) => `${r.t}:${r.n}:${r.h}`)
      .join('\n');
  };
}

/** Which tables differ between two fingerprints, for a readable failure. */
export function changedTables(before: string, after: string): string[] {
  const old = new Set(before.split('\n'));
  return after
    .split('\n')
    .filter((line) => !old.has(line))
    .map((line) => line.split(':')[0]);
}
