import type { PoolClient } from 'pg';

/** The class of scoring's per-lead advisory locks (the two-key form, apart from the kit's one-key locks). */
const LEAD_LOCK_CLASS = 0x5c0e;

/**
 * Takes a transaction lock per lead id, in id order, rows stored or not. One lead's events arrive on
 * several topics' partitions, whose batches run concurrently: without it, two batches that both
 * find no row for a new lead would each insert one, and the later would overwrite the earlier.
 */
export async function lockLeadIds(tx: PoolClient, leadIds: readonly string[]): Promise<void> {
  if (leadIds.length === 0) return;
  // volatile functions in the select list run after the sort, so the locks are taken in id order
  await tx.query('select pg_advisory_xact_lock($1, hashtext(id)) from unnest($2::text[]) as id order by id', [LEAD_LOCK_CLASS, [...new Set(leadIds)]]);
}
