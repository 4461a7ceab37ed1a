import type { ClientBase } from 'pg';

/** Deletes the rows of every sweep up to `sweep`: Kafka holds them (the cursor says so). */
export async function deletePublished(db: ClientBase, relay: string, sweep: bigint): Promise<number> {
  const { rowCount } = await db.query('delete from public.outbox where relay = $1 and sweep <= $2', [relay, sweep.toString()]);
  return rowCount ?? 0;
}
