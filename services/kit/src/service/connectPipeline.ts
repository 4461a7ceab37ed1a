import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { createCodecs, type Codecs } from '../codec/createCodecs';
import { createKafka } from '../kafka/createKafka';
import { ensureTopics } from '../kafka/ensureTopics';
import { localTopicDurability, type TopicDurability } from '../kafka/topicDurability';
import { createRegistry } from '../registry/createRegistry';
import { topics } from '@leadflow/schemas';

export interface PipelineSettings {
  KAFKA_BROKERS: string[];
  SCHEMA_REGISTRY_URL: string;
  /** Prefix for topic names and subjects, so isolated runs never share them. */
  TOPIC_NAMESPACE: string;
  /** Durability of the topics created (defaults: one replica, history kept). */
  TOPIC_REPLICATION_FACTOR?: number;
  TOPIC_MIN_INSYNC_REPLICAS?: number;
  TOPIC_RETENTION_MS?: number;
}

export interface Pipeline {
  kafka: Kafka;
  registry: SchemaRegistry;
  codecs: Codecs;
  /** Replicas, in-sync replicas and retention the topics were created with. */
  durability: TopicDurability;
}

/** Connects to Kafka and the registry, creates missing topics and registers every schema. */
export async function connectPipeline(clientId: string, settings: PipelineSettings, logger: Logger): Promise<Pipeline> {
  const kafka = createKafka(clientId, settings.KAFKA_BROKERS, logger);
  const registry = createRegistry(settings.SCHEMA_REGISTRY_URL);
  const durability: TopicDurability = {
    replicationFactor: settings.TOPIC_REPLICATION_FACTOR ?? localTopicDurability.replicationFactor,
    minInsyncReplicas: settings.TOPIC_MIN_INSYNC_REPLICAS ?? localTopicDurability.minInsyncReplicas,
    retentionMs: settings.TOPIC_RETENTION_MS ?? localTopicDurability.retentionMs,
  };
  await ensureTopics(kafka, { names: Object.values(topics).map((t) => `${settings.TOPIC_NAMESPACE}${t.name}`), durability });
  const codecs = await createCodecs(registry, settings.SCHEMA_REGISTRY_URL, settings.TOPIC_NAMESPACE);
  return { kafka, registry, codecs, durability };
}
