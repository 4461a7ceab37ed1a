import type { Admin } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { partitionWatermarks, type PartitionWatermark, type StoredWatermark } from './partitionWatermark';
import { readLogRanges, type GroupOffsets } from './readGroupLag';
import { unpublishedTopics } from '../outbox/unpublishedTopics';

/** What the group stored per partition: next offset and latest event time applied. */
export async function readStoredWatermarks(db: Pool | PoolClient, groupId: string): Promise<StoredWatermark[]> {
  const { rows } = await db.query<{ topic: string; partition: number; next_offset: string; max_event_time: string | null }>(
    'select topic, partition, next_offset, max_event_time from consumer_offsets where group_id = $1',
    [groupId],
  );
  return rows.map((r) => ({
    topic: r.topic,
    partition: r.partition,
    next: BigInt(r.next_offset),
    ...(r.max_event_time === null ? {} : { maxEventTime: Number(r.max_event_time) }),
  }));
}

/** The event-time watermark of every partition of the group's topics at wall time `now` (see `partitionWatermark`). */
export async function readPartitionWatermarks(admin: Admin, db: Pool | PoolClient, group: GroupOffsets, now: number, allowedLatenessMs: number): Promise<PartitionWatermark[]> {
  // what is pending is read before the logs' ends: a record published in between is then in the log
  const pending = await unpublishedTopics(db, group.topics);
  const ranges = await readLogRanges(admin, group.topics);
  return partitionWatermarks(ranges, await readStoredWatermarks(db, group.groupId), now, allowedLatenessMs, pending);
}
