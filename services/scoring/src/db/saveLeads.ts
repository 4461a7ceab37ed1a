import type { PoolClient } from 'pg';
import type { LeadRow } from './LeadRow';

/**
 * Upserts leads' scoring state, next crossing and history in one statement. The rows travel as one
 * JSON document (`jsonb_to_recordset`): one `JSON.stringify` of them all, where an array of jsonb
 * texts had each state stringified and then escaped again into an array literal by the driver.
 * A JSON null is an SQL null there, as the absent values were before.
 */
export async function saveLeads(tx: PoolClient, leads: LeadRow[]): Promise<void> {
  if (leads.length === 0) return;
  const rows = leads.map((l) => ({ l: l.leadId, s: l.state, t: l.streamTime, e: l.lastEmitted, n: l.nextCrossingAt, h: l.history }));
  await tx.query(
    `insert into lead_score_state (lead_id, state, stream_time, last_emitted, next_crossing_at, history, updated_at)
     select l, s, t, e, n, h, now() from jsonb_to_recordset($1::jsonb) as u(l text, s jsonb, t bigint, e jsonb, n bigint, h jsonb)
     on conflict (lead_id) do update set state = excluded.state, stream_time = excluded.stream_time,
       last_emitted = excluded.last_emitted, next_crossing_at = excluded.next_crossing_at, history = excluded.history, updated_at = now()`,
    [JSON.stringify(rows)],
  );
}
