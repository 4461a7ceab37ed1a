import type { Admin } from 'kafkajs';
import type { PartitionRange } from '../PartitionRange';

/** Every partition of these topics with its first kept offset and its end (high watermark) now. */
export async function readPartitionRanges(admin: Admin, topics: string[]): Promise<PartitionRange[]> {
  const perTopic = await Promise.all(
    topics.map(async (topic) =>
      (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, low: Number(p.low), high: Number(p.high) })),
    ),
  );
  return perTopic.flat();
}
