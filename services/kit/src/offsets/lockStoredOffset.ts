import type { PoolClient } from 'pg';

/**
 * The next offset to apply for a partition, locked for this transaction. A partition seen for the
 * first time gets its row (at 0) before the lock is taken, so even the first batch of a partition
 * is serialised between two owners during a rebalance: the second waits and then sees what the
 * first stored.
 */
export async function lockStoredOffset(tx: PoolClient, groupId: string, topic: string, partition: number): Promise<bigint> {
  await tx.query(
    `insert into consumer_offsets (group_id, topic, partition, next_offset) values ($1, $2, $3, 0)
     on conflict (group_id, topic, partition) do nothing`,
    [groupId, topic, partition],
  );
  const { rows } = await tx.query<{ next_offset: string }>(
    'select next_offset from consumer_offsets where group_id = $1 and topic = $2 and partition = $3 for update',
    [groupId, topic, partition],
  );
  return BigInt(rows[0]?.next_offset ?? '0');
}
