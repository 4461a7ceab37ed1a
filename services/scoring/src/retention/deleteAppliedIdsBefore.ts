import type { PoolClient } from 'pg';

/**
 * Deletes up to `limit` applied event ids of events that occurred before `floor`, oldest first;
 * returns how many. Rows another instance's pruning holds are skipped, so instances share the work.
 */
export async function deleteAppliedIdsBefore(tx: PoolClient, floor: number, limit: number): Promise<number> {
  const { rowCount } = await tx.query(
    `delete from scoring_applied_events where event_id in (
       select event_id from scoring_applied_events where occurred_at < $1 order by occurred_at limit $2 for update skip locked)`,
    [floor, limit],
  );
  return rowCount ?? 0;
}
