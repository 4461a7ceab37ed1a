import type { PoolClient } from 'pg';
import { streamIdOf } from '../eventStore';

/**
 * Takes the leads' advisory locks for this transaction, in one global order. Every transaction that
 * decides leads takes them first, before any row lock (timers, inputs, round-robin positions), so
 * the consumer's batches and the timer ticker never wait for each other in a cycle.
 */
export async function lockLeads(tx: PoolClient, leadIds: string[]): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtext(id)) from unnest($1::text[]) as id order by id', [[...new Set(leadIds)].map(streamIdOf)]);
}
