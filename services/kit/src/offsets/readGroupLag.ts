import type { Admin } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { partitionLag, type LogRange, type PartitionLag } from './partitionLag';
import { readStoredOffsets } from './readStoredOffsets';

export interface GroupOffsets {
  /** The group id as stored (with its namespace). */
  groupId: string;
  /** The topic names the group reads (with their namespace). */
  topics: string[];
  /** The schema of the group's `consumer_offsets`, when it is not on the search path. */
  schema?: string;
}

/** The log's first and next offsets of every partition of `topics`. */
export async function readLogRanges(admin: Admin, topics: string[]): Promise<LogRange[]> {
  const perTopic = await Promise.all(
    topics.map(async (topic) =>
      (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, logStart: BigInt(p.low), logEnd: BigInt(p.high) })),
    ),
  );
  return perTopic.flat();
}

/** Per partition, how far the group's stored offsets are behind the log. */
export async function readGroupLag(admin: Admin, db: Pool | PoolClient, group: GroupOffsets): Promise<PartitionLag[]> {
  const ranges = await readLogRanges(admin, group.topics);
  return partitionLag(ranges, await readStoredOffsets(db, group.groupId, group.schema));
}
