import { log, ms } from './measure';
import { onServer, type Scratch } from './scratch';

/**
 * Runs `work` (`operations` requests of one kind, nothing else running) and prints what
 * PostgreSQL executed for them, from pg_stat_statements: statements per operation and the
 * costliest ones. Skipped, with the reason, where the extension is not available.
 */
export async function statementProfile(
  scratch: Scratch,
  label: string,
  operations: number,
  work: () => Promise<void>,
): Promise<void> {
  if (scratch.statStatementsMissing) {
    await work();
    log(`  statements per ${label}: skipped — ${scratch.statStatementsMissing}`);
    return;
  }
  await onServer(scratch.ownerUrl, (c) => c.query('SELECT pg_stat_statements_reset()'));
  await work();
  const rows = await onServer(scratch.ownerUrl, async (c) => {
    const { rows } = await c.query<{ query: string; calls: string; total: number; mean: number }>(
      `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls::text,
              total_exec_time AS total, mean_exec_time AS mean
         FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT LIKE '%pg_stat_statements%'
        ORDER BY calls DESC, total_exec_time DESC`,
    );
    return rows;
  });
  const calls = rows.reduce((sum, row) => sum + Number(row.calls), 0);
  const time = rows.reduce((sum, row) => sum + row.total, 0);
  log(
    `  statements per ${label} (pg_stat_statements over ${operations}): ` +
      `${(calls / operations).toFixed(1)} round trips, ${ms(time / operations)} executing`,
  );
  for (const row of rows.slice(0, 8)) {
    log(
      `    ${(Number(row.calls) / operations).toFixed(2).padStart(5)}/op ` +
        `${ms(row.mean).padStart(8)} mean  ${row.query.slice(0, 110)}`,
    );
  }
}
