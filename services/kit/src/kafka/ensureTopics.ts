import type { Kafka } from 'kafkajs';
import { topics } from '@leadflow/schemas';

/** Creates every pipeline topic that does not exist yet; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, options: { partitions?: number; names?: string[] } = {}): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = options.names ?? Object.values(topics).map((t) => t.name);
    const missing = wanted.filter((name) => !existing.has(name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: options.partitions ?? 3, replicationFactor: 1 })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
