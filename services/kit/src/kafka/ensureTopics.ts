import type { Kafka } from 'kafkajs';
import { topics } from '@leadflow/schemas';
import { checkTopicDurability, localTopicDurability, topicConfigEntries, type TopicDurability } from './topicDurability';

export interface EnsureTopicsOptions {
  partitions?: number;
  names?: string[];
  /** Replicas, in-sync replicas and retention of the topics created (default: one broker, history kept). */
  durability?: TopicDurability;
}

/** Creates every pipeline topic that does not exist yet; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, options: EnsureTopicsOptions = {}): Promise<string[]> {
  const durability = checkTopicDurability(options.durability ?? localTopicDurability);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = options.names ?? Object.values(topics).map((t) => t.name);
    const missing = wanted.filter((name) => !existing.has(name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: options.partitions ?? 3,
          replicationFactor: durability.replicationFactor,
          configEntries: topicConfigEntries(durability),
        })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
