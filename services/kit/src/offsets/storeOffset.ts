import type { PoolClient } from 'pg';

/**
 * Records the next offset to apply, in the transaction that wrote the batch's effects. The stored
 * offset never moves backwards, whatever a caller that lost its lock passes.
 */
export async function storeOffset(tx: PoolClient, groupId: string, topic: string, partition: number, nextOffset: bigint): Promise<void> {
  await tx.query(
    `insert into consumer_offsets (group_id, topic, partition, next_offset) values ($1, $2, $3, $4)
     on conflict (group_id, topic, partition) do update
       set next_offset = greatest(consumer_offsets.next_offset, excluded.next_offset), updated_at = now()`,
    [groupId, topic, partition, nextOffset.toString()],
  );
}
