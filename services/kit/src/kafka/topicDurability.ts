import { ConfigError } from '../errors/LeadflowError';

/**
 * How pipeline topics are created: replicas, the replicas a write must reach, and how long records
 * are kept. Every pipeline topic is a system of record (replay, `rescore` and `projections rebuild`
 * read it from offset 0), so the default keeps history for good: `retention.ms=-1`.
 */
export interface TopicDurability {
  replicationFactor: number;
  minInsyncReplicas: number;
  /** -1 keeps every record; anything else lets the broker delete history the replay tools need. */
  retentionMs: number;
}

export const localTopicDurability: TopicDurability = { replicationFactor: 1, minInsyncReplicas: 1, retentionMs: -1 };

/** Refuses settings the broker would accept but that cannot work: more in-sync replicas than replicas. */
export function checkTopicDurability(durability: TopicDurability): TopicDurability {
  if (durability.minInsyncReplicas > durability.replicationFactor) {
    throw new ConfigError(
      `TOPIC_MIN_INSYNC_REPLICAS=${durability.minInsyncReplicas} exceeds TOPIC_REPLICATION_FACTOR=${durability.replicationFactor}: ` +
        'no write could be acknowledged; lower the first or raise the second (production: 3 replicas, 2 in sync)',
    );
  }
  return durability;
}

/** The topic-level configuration entries a pipeline topic is created with. */
export function topicConfigEntries(durability: TopicDurability): { name: string; value: string }[] {
  return [
    { name: 'min.insync.replicas', value: String(durability.minInsyncReplicas) },
    { name: 'retention.ms', value: String(durability.retentionMs) },
    // History is bounded by time only when asked for; never by size behind the operator's back.
    { name: 'retention.bytes', value: '-1' },
  ];
}
