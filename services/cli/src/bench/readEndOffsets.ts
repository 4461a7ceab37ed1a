import type { Admin } from 'kafkajs';

/** Where one partition's log ends (or, for a consumer, the next offset it will apply). */
export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

/** The end offsets (high watermarks) of every partition of these topics. */
export async function readEndOffsets(admin: Admin, topics: string[]): Promise<PartitionOffset[]> {
  const perTopic = await Promise.all(
    topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, offset: Number(p.high) }))),
  );
  return perTopic.flat();
}

/** How many records lie below these offsets (the topics' first offsets being 0). */
export const totalOf = (offsets: PartitionOffset[]): number => offsets.reduce((sum, p) => sum + p.offset, 0);
