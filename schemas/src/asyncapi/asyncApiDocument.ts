import { z } from 'zod';
import { PAYLOAD_DISCRIMINATOR, pascalCase, topics, type AnyTopic, type TopicKey } from '../topics';
import { topicDescriptions } from './topicDescriptions';

type Json = Record<string, unknown>;

const BINDING_VERSION = '0.5.0';
const AVRO_FORMAT = 'application/vnd.apache.avro+json;version=1.9.0';

/** How keys map to partitions: what every producer of a leadflow topic must use. */
export const PARTITIONER =
  'murmur2 of the key bytes, positive, modulo the partition count: the default partitioner of the Java client and of kafkajs. librdkafka clients (confluent-kafka for Python, Go, .NET) must set partitioner=murmur2_random; their default (consistent_random, CRC32) puts a lead on another partition and breaks its order.';

const KEY_DESCRIPTION: Record<string, string> = {
  leadId: 'the lead id (UTF-8 string, no schema-registry prefix)',
  anonymousId: 'the visitor id (UTF-8 string, no schema-registry prefix)',
};

const headers = {
  type: 'object',
  properties: {
    'leadflow-event-id': { type: 'string', description: 'The record’s eventId (empty on dead letters), for tracing without decoding.' },
    'leadflow-redriven-from': { type: 'string', description: 'Only on a record re-driven from the dead-letter topic: `<dlq topic>/<partition>/<offset>`.' },
  },
};

const ref = (path: string): Json => ({ $ref: `#/${path}` });

/** The message of one event type (or of a topic of one shape). */
function messageOf(key: TopicKey, topic: AnyTopic, type: string | undefined): Json {
  const keyField = topic.keyField;
  const description =
    type === undefined
      ? `A ${topic.recordName} record.`
      : [
          `\`type\` is \`${type}\` and \`payload\` the record \`${(topic.avro as { namespace: string }).namespace}.${pascalCase(type)}\`, whose \`${PAYLOAD_DISCRIMINATOR}\` is \`${type}\` too.`,
          topic.kind === 'typed' ? ((topic.payloads as Record<string, z.ZodType>)[type]?.description ?? '') : '',
        ]
          .filter(Boolean)
          .join(' ');
  return {
    name: type ?? topic.recordName,
    title: type ?? topic.recordName,
    summary: topicDescriptions[key],
    description,
    contentType: 'application/vnd.apache.avro+binary',
    headers,
    payload: ref(`components/schemas/${topic.recordName}`),
    bindings: {
      kafka: {
        key: keyField === undefined ? { type: 'null', description: 'no key' } : { type: 'string', description: KEY_DESCRIPTION[keyField] ?? keyField },
        schemaIdLocation: 'payload',
        schemaIdPayloadEncoding: 'confluent',
        schemaLookupStrategy: 'TopicIdStrategy',
        bindingVersion: BINDING_VERSION,
      },
    },
  };
}

const typesOf = (topic: AnyTopic): (string | undefined)[] => (topic.kind === 'typed' ? Object.keys(topic.payloads) : [undefined]);
const messageId = (key: TopicKey, type: string | undefined): string => (type === undefined ? key : `${key}.${type}`);

function channelOf(key: TopicKey, topic: AnyTopic): Json {
  const keyed = topic.keyField === undefined ? 'Records have no key.' : `Keyed by \`${topic.keyField}\`, so one subject’s records keep their order in one partition.`;
  return {
    address: topic.name,
    title: topic.name,
    description: `${topicDescriptions[key]} ${keyed} Value schema: subject \`${topic.name}-value\` (TopicNameStrategy), BACKWARD compatibility.`,
    messages: Object.fromEntries(typesOf(topic).map((type) => [type ?? topic.recordName, ref(`components/messages/${messageId(key, type)}`)])),
    bindings: { kafka: { topic: topic.name, topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': -1 }, bindingVersion: BINDING_VERSION } },
    'x-leadflow-key-field': topic.keyField ?? null,
    'x-leadflow-partitioner': PARTITIONER,
  };
}

/**
 * The AsyncAPI 3.0 description of every topic, derived from the same contracts as the Avro schemas
 * the registry holds: one channel per topic, one message per event type, the key and its
 * partitioner, the headers, and the Avro schema of the value.
 */
export function asyncApiDocument(): Json {
  const entries = Object.entries(topics) as [TopicKey, AnyTopic][];
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'leadflow topics',
      version: '2.0.0',
      description: [
        'Event-sourced lead scoring and sales hand-off on Apache Kafka. Every value is Avro in the Confluent wire format: byte 0, the 4-byte big-endian schema id, then Avro binary.',
        `Every typed event is \`{ envelope..., type, payload }\`; \`payload\` is a union of one record per type and each payload record carries \`${PAYLOAD_DISCRIMINATOR}\` equal to \`type\`, so a writer that picks the first branch its value fits picks the right one.`,
        'Money is `decimal(18, 2)` on bytes, timestamps `long` `timestamp-millis`, enums fall back to `unknown`.',
        `Partitioning: ${PARTITIONER}`,
      ].join('\n\n'),
    },
    defaultContentType: 'application/vnd.apache.avro+binary',
    servers: {
      local: {
        host: '127.0.0.1:19092',
        protocol: 'kafka',
        description: 'The local stack (`infra/stack.sh up`); its schema registry is Apicurio’s Confluent-compatible API.',
        bindings: { kafka: { schemaRegistryUrl: 'http://127.0.0.1:18081/apis/ccompat/v7', schemaRegistryVendor: 'apicurio', bindingVersion: BINDING_VERSION } },
      },
    },
    channels: Object.fromEntries(entries.map(([key, topic]) => [key, channelOf(key, topic)])),
    operations: Object.fromEntries(
      entries.map(([key, topic]) => [
        `publish_${key}`,
        {
          action: 'send',
          title: `leadflow writes ${topic.name}`,
          channel: ref(`channels/${key}`),
          messages: typesOf(topic).map((type) => ref(`channels/${key}/messages/${type ?? topic.recordName}`)),
        },
      ]),
    ),
    components: {
      schemas: Object.fromEntries(entries.map(([, topic]) => [topic.recordName, { schemaFormat: AVRO_FORMAT, schema: topic.avro }])),
      messages: Object.fromEntries(entries.flatMap(([key, topic]) => typesOf(topic).map((type) => [messageId(key, type), messageOf(key, topic, type)]))),
    },
  };
}
