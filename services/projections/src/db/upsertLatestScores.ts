import type { PoolClient } from 'pg';
import type { LeadScored } from '@leadflow/schemas';

/** Writes each lead's latest scores in one statement; an older score never overwrites a newer one. */
export async function upsertLatestScores(tx: PoolClient, scores: LeadScored[]): Promise<void> {
  if (scores.length === 0) return;
  await tx.query(
    `insert into lead_current (lead_id, grade, total, fit, intent, readiness, model_version, scored_at)
     select l, g, t, f, i, r, m, to_timestamp(s / 1000.0)
     from unnest($1::text[], $2::text[], $3::int[], $4::float8[], $5::float8[], $6::float8[], $7::text[], $8::bigint[])
       as u(l, g, t, f, i, r, m, s)
     on conflict (lead_id) do update set
       grade = excluded.grade, total = excluded.total, fit = excluded.fit, intent = excluded.intent,
       readiness = excluded.readiness, model_version = excluded.model_version, scored_at = excluded.scored_at,
       updated_at = now()
     where lead_current.scored_at is null or lead_current.scored_at <= excluded.scored_at`,
    [
      scores.map((s) => s.leadId),
      scores.map((s) => s.grade),
      scores.map((s) => s.total),
      scores.map((s) => s.fit),
      scores.map((s) => s.intent),
      scores.map((s) => s.readiness),
      scores.map((s) => s.modelVersion),
      scores.map((s) => s.evaluatedAt),
    ],
  );
}
