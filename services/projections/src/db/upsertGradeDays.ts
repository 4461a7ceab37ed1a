import type { PoolClient } from 'pg';
import type { GradeDay } from '../domain';
import { inLockOrder } from './inLockOrder';

/** Writes each lead's latest grade per day in one statement; an older score never replaces a newer one. */
export async function upsertGradeDays(tx: PoolClient, batch: GradeDay[]): Promise<void> {
  if (batch.length === 0) return;
  const days = inLockOrder(batch, (d) => `${String(d.day).padStart(6, '0')}/${d.leadId}`);
  await tx.query(
    `insert into grade_daily as g (day, lead_id, grade, scored_at, events_applied, scores_event_id)
     select date '1970-01-01' + d, l, gr, to_timestamp(s / 1000.0), e, id
     from unnest($1::int[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::uuid[]) as u(d, l, gr, s, e, id)
     on conflict (day, lead_id) do update set
       grade = excluded.grade, scored_at = excluded.scored_at, events_applied = excluded.events_applied,
       scores_event_id = excluded.scores_event_id
     where (g.events_applied, g.scored_at, g.scores_event_id) <= (excluded.events_applied, excluded.scored_at, excluded.scores_event_id)`,
    [
      days.map((d) => d.day),
      days.map((d) => d.leadId),
      days.map((d) => d.grade),
      days.map((d) => d.score.evaluatedAt),
      days.map((d) => d.score.eventsApplied),
      days.map((d) => d.score.eventId),
    ],
  );
}
