import type { PoolClient } from 'pg';

/** Deletes up to `limit` applied event ids of events that occurred before `floor`, oldest first; returns how many. */
export async function deleteAppliedIdsBefore(tx: PoolClient, floor: number, limit: number): Promise<number> {
  const { rowCount } = await tx.query(
    `delete from scoring_applied_events where event_id in (
       select event_id from scoring_applied_events where occurred_at < $1 order by occurred_at limit $2)`,
    [floor, limit],
  );
  return rowCount ?? 0;
}
