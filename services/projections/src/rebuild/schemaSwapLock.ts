import type { PoolClient } from 'pg';

/** One lock per read-model schema (advisory locks are per database). */
const lockName = (schema: string) => `leadflow-projections-swap:${schema}`;

/**
 * Taken in shared mode at the start of every live batch transaction: a rebuild's swap waits until
 * the batches in flight committed, and a batch that starts during a swap waits until the swap
 * committed, then resolves its tables (by search_path) in the swapped-in schema.
 */
export async function holdOffSchemaSwap(tx: PoolClient, schema: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock_shared(hashtext($1))', [lockName(schema)]);
}

/** Taken exclusively by a rebuild, in the transaction that swaps the schemas; released by its commit. */
export async function lockSchemaSwap(tx: PoolClient, schema: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [lockName(schema)]);
}
