import type { PoolClient } from 'pg';
import type { LeadRow } from './LeadRow';

/**
 * Upserts leads' scoring state, next crossing and history in one statement, each row with a new
 * random version (see `LeadRowCache`), and returns the versions by lead. The rows travel as one
 * JSON document (`jsonb_to_recordset`): one `JSON.stringify` of them all, where an array of jsonb
 * texts had each state stringified and then escaped again into an array literal by the driver.
 * A JSON null is an SQL null there, as the absent values were before.
 */
export async function saveLeads(tx: PoolClient, leads: LeadRow[]): Promise<Map<string, string>> {
  if (leads.length === 0) return new Map();
  const rows = leads.map((l) => ({ l: l.leadId, s: l.state, t: l.streamTime, e: l.lastEmitted, n: l.nextCrossingAt, h: l.history }));
  const { rows: saved } = await tx.query<{ lead_id: string; version: string }>(
    `insert into lead_score_state (lead_id, state, stream_time, last_emitted, next_crossing_at, history, updated_at, version)
     select l, s, t, e, n, h, now(), gen_random_uuid() from jsonb_to_recordset($1::jsonb) as u(l text, s jsonb, t bigint, e jsonb, n bigint, h jsonb)
     on conflict (lead_id) do update set state = excluded.state, stream_time = excluded.stream_time,
       last_emitted = excluded.last_emitted, next_crossing_at = excluded.next_crossing_at, history = excluded.history, updated_at = now(),
       version = excluded.version
     returning lead_id, version`,
    [JSON.stringify(rows)],
  );
  return new Map(saved.map((r) => [r.lead_id, r.version]));
}
