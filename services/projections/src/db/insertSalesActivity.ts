import type { PoolClient } from 'pg';
import type { SalesActivity } from '../domain';

/** Inserts contacts in one statement; one already stored is left as it is. */
export async function insertSalesActivity(tx: PoolClient, activity: SalesActivity[]): Promise<void> {
  if (activity.length === 0) return;
  await tx.query(
    `insert into sales_activity (event_id, lead_id, occurred_at, channel)
     select id, l, to_timestamp(at / 1000.0), c
     from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[]) as u(id, l, at, c)
     on conflict (event_id) do nothing`,
    [
      activity.map((a) => a.eventId),
      activity.map((a) => a.leadId),
      activity.map((a) => a.occurredAt),
      activity.map((a) => a.channel),
    ],
  );
}
