import type { PoolClient } from 'pg';

/** Marks event ids as applied and returns those that were not applied before (one round trip). */
export async function claimEventIds(tx: PoolClient, eventIds: string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const { rows } = await tx.query<{ event_id: string }>(
    `insert into scoring_applied_events (event_id) select unnest($1::uuid[])
     on conflict (event_id) do nothing returning event_id`,
    [eventIds],
  );
  return new Set(rows.map((r) => r.event_id));
}
