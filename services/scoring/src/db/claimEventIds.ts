import type { PoolClient } from 'pg';

/** An event as its id is claimed: the id, and its event time, which decides how long the claim is kept. */
export interface EventClaim {
  eventId: string;
  occurredAt: number;
}

/** Marks events as applied and returns the ids that were not applied before (one round trip). */
export async function claimEventIds(tx: PoolClient, events: readonly EventClaim[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const { rows } = await tx.query<{ event_id: string }>(
    `insert into scoring_applied_events (event_id, occurred_at) select * from unnest($1::uuid[], $2::bigint[])
     on conflict (event_id) do nothing returning event_id`,
    [events.map((e) => e.eventId), events.map((e) => e.occurredAt)],
  );
  return new Set(rows.map((r) => r.event_id));
}
