import type { PoolClient } from 'pg';
import type { LeadTransitionRow } from '../domain';

/** Inserts transitions in one statement; one already stored (a redelivery) is left as it is. */
export async function insertLeadTransitions(tx: PoolClient, rows: LeadTransitionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `insert into lead_transitions (event_id, lead_id, occurred_at, type, from_stage, to_stage, reason, amount, grade)
     select id, l, to_timestamp(at / 1000.0), t, f, s, r, a, g
     from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::text[])
       as u(id, l, at, t, f, s, r, a, g)
     on conflict (event_id) do nothing`,
    [
      rows.map((r) => r.eventId),
      rows.map((r) => r.leadId),
      rows.map((r) => r.occurredAt),
      rows.map((r) => r.type),
      rows.map((r) => r.fromStage),
      rows.map((r) => r.toStage),
      rows.map((r) => r.reason),
      rows.map((r) => r.amount),
      rows.map((r) => r.grade),
    ],
  );
}
