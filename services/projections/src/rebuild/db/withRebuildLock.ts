import type { Pool } from 'pg';
import { RebuildError } from '../RebuildError';

const lockName = (schema: string) => `leadflow-projections-rebuild:${schema}`;

/**
 * Runs `work` holding the rebuild lock of `schema`, a lock held by a connection of its own, so
 * that one rebuild of a schema runs at a time; refuses at once when another holds it.
 */
export async function withRebuildLock<T>(db: Pool, schema: string, work: () => Promise<T>): Promise<T> {
  const holder = await db.connect();
  try {
    const { rows } = await holder.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [lockName(schema)]);
    if (rows[0]?.locked !== true) throw new RebuildError(`another rebuild of schema ${schema} is running`);
    try {
      return await work();
    } finally {
      await holder.query('select pg_advisory_unlock(hashtext($1))', [lockName(schema)]);
    }
  } finally {
    holder.release();
  }
}
