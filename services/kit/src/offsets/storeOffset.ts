import type { PoolClient } from 'pg';

/**
 * Records the next offset to apply, in the transaction that wrote the batch's effects, and with it
 * the latest event time applied on the partition when the consumer names one. Neither ever moves
 * backwards, whatever a caller that lost its lock passes.
 */
export async function storeOffset(tx: PoolClient, groupId: string, topic: string, partition: number, nextOffset: bigint, maxEventTime?: number): Promise<void> {
  if (maxEventTime === undefined) {
    await tx.query(
      `insert into consumer_offsets (group_id, topic, partition, next_offset) values ($1, $2, $3, $4)
       on conflict (group_id, topic, partition) do update
         set next_offset = greatest(consumer_offsets.next_offset, excluded.next_offset), updated_at = now()`,
      [groupId, topic, partition, nextOffset.toString()],
    );
    return;
  }
  await tx.query(
    `insert into consumer_offsets (group_id, topic, partition, next_offset, max_event_time) values ($1, $2, $3, $4, $5)
     on conflict (group_id, topic, partition) do update
       set next_offset = greatest(consumer_offsets.next_offset, excluded.next_offset),
           max_event_time = greatest(consumer_offsets.max_event_time, excluded.max_event_time), updated_at = now()`,
    [groupId, topic, partition, nextOffset.toString(), Math.trunc(maxEventTime)],
  );
}
