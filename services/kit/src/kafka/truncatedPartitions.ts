import type { Admin } from 'kafkajs';

/** Where a partition's log starts now: 0 unless retention or `deleteRecords` removed older records. */
export interface PartitionStart {
  topic: string;
  partition: number;
  low: number;
}

/** The partitions whose log no longer starts at offset 0: a replay of them would miss history. */
export const truncatedPartitions = (starts: PartitionStart[]): PartitionStart[] => starts.filter((s) => s.low > 0);

/** Names every truncated partition, for a refusal an operator can act on. */
export function describeTruncation(truncated: PartitionStart[]): string {
  const named = truncated.map((p) => `${p.topic} partition ${p.partition} starts at offset ${p.low}`).join('; ');
  return `history is truncated (${named}): a replay would silently miss the deleted records; pass --allow-truncated-history to replay what is left`;
}

/** Reads where each partition of these topics starts and returns those that no longer start at 0. */
export async function readTruncatedPartitions(admin: Admin, topicNames: string[]): Promise<PartitionStart[]> {
  const perTopic = await Promise.all(
    topicNames.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, low: Number(p.low) }))),
  );
  return truncatedPartitions(perTopic.flat());
}
