import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { topics, type TopicKey } from '@leadflow/schemas';
import { registerTopicSchema } from '../registry/registerTopicSchema';
import { TopicCodec, type DecodeCheck } from './TopicCodec';

export type Codecs = { [K in TopicKey]: TopicCodec<(typeof topics)[K]> };

/** The codec of any one topic. */
export type AnyTopicCodec = Codecs[TopicKey];

/**
 * Topics only the pipeline's services write, through these codecs: their records are checked
 * against the contract once, when encoded, and decoded by Avro alone (see `DecodeCheck`).
 */
const internalTopics: ReadonlySet<TopicKey> = new Set<TopicKey>(['activityByLead', 'scores', 'lifecycle', 'sla', 'recycled']);

const decodeCheckOf = (key: TopicKey): DecodeCheck => (internalTopics.has(key) ? 'avro' : 'contract');

/**
 * Registers every topic's schema (idempotent) and returns a codec per topic. `namespace` prefixes
 * topic names so that isolated runs (tests, experiments) never share topics or subjects.
 */
export async function createCodecs(registry: SchemaRegistry, registryUrl: string, namespace = ''): Promise<Codecs> {
  const entries = await Promise.all(
    (Object.keys(topics) as TopicKey[]).map(async (key) => {
      const topic = topics[key];
      const name = `${namespace}${topic.name}`;
      const id = await registerTopicSchema(registry, registryUrl, name, topic.avro);
      return [key, new TopicCodec(topic, name, registry, id, decodeCheckOf(key))] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as Codecs;
}
