import type { PoolClient } from 'pg';
import type { SubjectRow } from './SubjectRow';

/** Upserts subjects in one statement and deletes the visitor states merged into leads. */
export async function saveSubjects(tx: PoolClient, subjects: SubjectRow[], mergedAway: string[]): Promise<void> {
  if (subjects.length > 0) {
    await tx.query(
      `insert into lead_score_state (subject_id, is_lead, state, stream_time, last_emitted, updated_at)
       select s, l, st, t, e, now() from unnest($1::text[], $2::boolean[], $3::jsonb[], $4::bigint[], $5::jsonb[]) as u(s, l, st, t, e)
       on conflict (subject_id) do update set is_lead = excluded.is_lead, state = excluded.state,
         stream_time = excluded.stream_time, last_emitted = excluded.last_emitted, updated_at = now()`,
      [
        subjects.map((s) => s.subjectId),
        subjects.map((s) => s.isLead),
        subjects.map((s) => JSON.stringify(s.state)),
        subjects.map((s) => s.streamTime),
        subjects.map((s) => (s.lastEmitted ? JSON.stringify(s.lastEmitted) : null)),
      ],
    );
  }
  if (mergedAway.length > 0) {
    await tx.query('delete from lead_score_state where subject_id = any($1::text[])', [mergedAway]);
  }
}
