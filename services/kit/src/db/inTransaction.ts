import type { Pool, PoolClient } from 'pg';
import { classifyFault } from '../faults/classifyFault';

const ignore = () => undefined;

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. A
 * connection whose work failed is closed rather than returned to the pool: after a timeout or a
 * dropped link its state is unknown. A link that failed is not asked to roll back (it would only
 * wait for another timeout); closing it rolls the transaction back on the server.
 */
export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  // a link that dies between two queries is reported as an event, not as a failed query
  tx.on('error', ignore);
  let failure: Error | undefined;
  try {
    await tx.query('begin');
    const result = await work(tx);
    await tx.query('commit');
    return result;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    if (classifyFault(error) !== 'transient') await tx.query('rollback').catch(ignore);
    throw error;
  } finally {
    tx.off('error', ignore);
    tx.release(failure);
  }
}
