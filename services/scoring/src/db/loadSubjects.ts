import type { PoolClient } from 'pg';
import type { SubjectRow } from './SubjectRow';

/** Loads and locks the stored state of these subjects in one query. */
export async function loadSubjects(tx: PoolClient, subjectIds: string[]): Promise<Map<string, SubjectRow>> {
  if (subjectIds.length === 0) return new Map();
  const { rows } = await tx.query(
    `select subject_id, is_lead, state, stream_time, last_emitted from lead_score_state
     where subject_id = any($1::text[]) for update`,
    [subjectIds],
  );
  return new Map(
    rows.map((r) => [
      r.subject_id,
      { subjectId: r.subject_id, isLead: r.is_lead, state: r.state, streamTime: Number(r.stream_time), lastEmitted: r.last_emitted },
    ]),
  );
}
