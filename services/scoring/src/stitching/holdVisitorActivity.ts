import type { PoolClient } from 'pg';
import type { ActivityEvent } from '@leadflow/schemas';

/** Keeps activity of visitors not identified yet, once per event id. */
export async function holdVisitorActivity(tx: PoolClient, events: ActivityEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `insert into visitor_activity (anonymous_id, event_id, occurred_at, record)
     select * from unnest($1::text[], $2::uuid[], $3::bigint[], $4::jsonb[]) on conflict do nothing`,
    [events.map((e) => e.anonymousId), events.map((e) => e.eventId), events.map((e) => e.occurredAt), events.map((e) => JSON.stringify(e))],
  );
}
