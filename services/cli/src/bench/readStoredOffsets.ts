import type { Pool } from 'pg';
import type { PartitionOffset } from './readEndOffsets';

/** The next offsets a consumer group stored in `consumer_offsets`, with the effects of its batches. */
export async function readStoredOffsets(pool: Pool, groupId: string): Promise<PartitionOffset[]> {
  const { rows } = await pool.query<{ topic: string; partition: number; next_offset: string }>(
    'select topic, partition, next_offset from consumer_offsets where group_id = $1',
    [groupId],
  );
  return rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: Number(r.next_offset) }));
}
