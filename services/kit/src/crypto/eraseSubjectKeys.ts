import type { Pool, PoolClient } from 'pg';
import { subjectName, type Subject } from './Subject';

/**
 * Deletes every data key of the subjects and records their erasure (the last key version, so a key
 * created later never reuses a version and old envelopes read as erased). Idempotent: erasing
 * again changes nothing.
 */
export async function eraseSubjectKeys(db: Pool | PoolClient, subjects: readonly Subject[]): Promise<number> {
  const names = subjects.map(subjectName);
  await db.query(
    `insert into subject_erasures (subject, last_key_version)
     select s.subject, coalesce((select max(k.key_version) from subject_keys k where k.subject = s.subject), 0)
       from unnest($1::text[]) as s(subject)
     on conflict (subject) do update
       set last_key_version = greatest(subject_erasures.last_key_version, excluded.last_key_version)`,
    [names],
  );
  const { rowCount } = await db.query('delete from subject_keys where subject = any($1)', [names]);
  return rowCount ?? 0;
}
