import type { Pool } from 'pg';
import type { MasterKeys } from './MasterKeys';

/**
 * Master key rotation: every data key wrapped by another master key than the current one is
 * unwrapped and wrapped again with the current one, in batches, each row only if it is still as read
 * (an erasure meanwhile wins). The data keys themselves, and so every envelope, stay as they are.
 * Once it reports 0 left, the old master keys can leave the key file.
 */
export async function rewrapSubjectKeys(pool: Pool, masters: MasterKeys, batchSize = 500): Promise<{ rewrapped: number; left: number }> {
  let rewrapped = 0;
  for (;;) {
    const { rows } = await pool.query<{ subject: string; key_version: number; wrapped_key: Buffer; master_key_id: string }>(
      'select subject, key_version, wrapped_key, master_key_id from subject_keys where master_key_id <> $1 order by subject, key_version limit $2',
      [masters.currentId, batchSize],
    );
    if (rows.length === 0) break;
    const fresh = rows.map((row) => {
      const key = masters.unwrap(row.subject, row.key_version, { masterKeyId: row.master_key_id, wrapped: row.wrapped_key });
      return { ...row, next: masters.wrap(row.subject, row.key_version, key) };
    });
    const { rowCount } = await pool.query(
      `update subject_keys k set wrapped_key = f.next_key, master_key_id = f.next_master
         from unnest($1::text[], $2::int[], $3::bytea[], $4::bytea[], $5::text[]) as f(subject, key_version, old_key, next_key, next_master)
        where k.subject = f.subject and k.key_version = f.key_version and k.wrapped_key = f.old_key`,
      [fresh.map((f) => f.subject), fresh.map((f) => f.key_version), fresh.map((f) => f.wrapped_key), fresh.map((f) => f.next.wrapped), fresh.map((f) => f.next.masterKeyId)],
    );
    rewrapped += rowCount ?? 0;
  }
  const { rows } = await pool.query<{ left: number }>('select count(*)::int as left from subject_keys where master_key_id <> $1', [masters.currentId]);
  return { rewrapped, left: rows[0]?.left ?? 0 };
}
