import type { PoolClient } from 'pg';

/** The next offset to apply for a partition, locked for this transaction; -1 when none is stored. */
export async function readStoredOffset(tx: PoolClient, groupId: string, topic: string, partition: number): Promise<bigint> {
  const { rows } = await tx.query<{ next_offset: string }>(
    'select next_offset from consumer_offsets where group_id = $1 and topic = $2 and partition = $3 for update',
    [groupId, topic, partition],
  );
  return rows[0] ? BigInt(rows[0].next_offset) : -1n;
}
