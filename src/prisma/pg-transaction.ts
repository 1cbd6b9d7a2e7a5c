import type { Pool, PoolClient } from 'pg';

/**
 * One transaction on one connection of the shared pool, straight through node-postgres. For hot
 * write paths: Prisma's interactive transaction halves the throughput of the same statements
 * (README, Benchmark). Commits when `work` resolves, rolls back when it throws.
 */
export async function inPgTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not given back to the pool.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
