import type { PoolClient } from 'pg';

export interface OffsetToStore {
  topic: string;
  partition: number;
  nextOffset: bigint;
  /** The latest event time (epoch ms) applied on the partition, when the consumer names one. */
  maxEventTime?: number;
}

/**
 * Records the next offset to apply of each partition, in the transaction that wrote the batch's
 * effects, and with it the latest event time applied on the partition when the consumer names one:
 * one statement for all of them. Neither ever moves backwards, whatever a caller that lost its lock
 * passes (`greatest` ignores an event time not named).
 */
export async function storeOffsets(tx: PoolClient, groupId: string, offsets: OffsetToStore[]): Promise<void> {
  if (offsets.length === 0) return;
  await tx.query(
    `insert into consumer_offsets (group_id, topic, partition, next_offset, max_event_time)
     select $1, t, p, n, e from unnest($2::text[], $3::int[], $4::bigint[], $5::bigint[]) as u(t, p, n, e)
     on conflict (group_id, topic, partition) do update
       set next_offset = greatest(consumer_offsets.next_offset, excluded.next_offset),
           max_event_time = greatest(consumer_offsets.max_event_time, excluded.max_event_time), updated_at = now()`,
    [
      groupId,
      offsets.map((o) => o.topic),
      offsets.map((o) => o.partition),
      offsets.map((o) => o.nextOffset.toString()),
      offsets.map((o) => (o.maxEventTime === undefined ? null : Math.trunc(o.maxEventTime))),
    ],
  );
}

/** `storeOffsets` for one partition. */
export async function storeOffset(tx: PoolClient, groupId: string, topic: string, partition: number, nextOffset: bigint, maxEventTime?: number): Promise<void> {
  await storeOffsets(tx, groupId, [{ topic, partition, nextOffset, maxEventTime }]);
}
