import type { PoolClient } from 'pg';
import type { LeadRow } from './LeadRow';

/** Upserts leads' scoring state, next crossing and history in one statement. */
export async function saveLeads(tx: PoolClient, leads: LeadRow[]): Promise<void> {
  if (leads.length === 0) return;
  await tx.query(
    `insert into lead_score_state (lead_id, state, stream_time, last_emitted, next_crossing_at, history, updated_at)
     select l, s, t, e, n, h, now() from unnest($1::text[], $2::jsonb[], $3::bigint[], $4::jsonb[], $5::bigint[], $6::jsonb[]) as u(l, s, t, e, n, h)
     on conflict (lead_id) do update set state = excluded.state, stream_time = excluded.stream_time,
       last_emitted = excluded.last_emitted, next_crossing_at = excluded.next_crossing_at, history = excluded.history, updated_at = now()`,
    [
      leads.map((l) => l.leadId),
      leads.map((l) => JSON.stringify(l.state)),
      leads.map((l) => l.streamTime),
      leads.map((l) => (l.lastEmitted ? JSON.stringify(l.lastEmitted) : null)),
      leads.map((l) => l.nextCrossingAt),
      leads.map((l) => JSON.stringify(l.history)),
    ],
  );
}
