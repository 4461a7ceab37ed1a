import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. A
 * connection whose work failed is closed rather than returned to the pool: after a timeout or a
 * dropped link its state is unknown, and a fresh one costs little next to a poisoned one.
 */
export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  let failure: Error | undefined;
  try {
    await tx.query('begin');
    const result = await work(tx);
    await tx.query('commit');
    return result;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    await tx.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    tx.release(failure);
  }
}
