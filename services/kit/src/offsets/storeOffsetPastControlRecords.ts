import type { Pool } from 'pg';

/**
 * A fetched batch held no record to apply, only transaction markers (and records of aborted
 * transactions): the stored offset moves past them when it points into that range, so a group
 * that applied everything reads as caught up with the log end. Safe at any time: it changes
 * nothing when the stored offset is elsewhere, and it is idempotent.
 */
export async function storeOffsetPastControlRecords(pool: Pool, groupId: string, topic: string, partition: number, first: bigint, last: bigint): Promise<void> {
  await pool.query(
    `update consumer_offsets set next_offset = $5, updated_at = now()
     where group_id = $1 and topic = $2 and partition = $3 and next_offset between $4 and $5 - 1`,
    [groupId, topic, partition, first.toString(), (last + 1n).toString()],
  );
}
