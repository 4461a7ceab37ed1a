import { topics, type AnyTopic, type TopicKey } from '@leadflow/schemas';
import { z } from 'zod';

/** Test support: one valid record of every event type of every topic, derived from the contracts. */
export interface ContractSample {
  topic: TopicKey;
  /** The event type, or the topic's record name for a topic of one shape. */
  type: string;
  record: Record<string, unknown>;
}

interface Json {
  type?: string;
  enum?: string[];
  const?: unknown;
  properties?: Record<string, Json>;
  items?: Json;
  anyOf?: Json[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
  multipleOf?: number;
  avroType?: string;
  avroLogicalType?: string;
}

/** Values that match the patterns the contracts use; a new pattern fails here until it has one. */
const byPattern: Record<string, string> = {
  '^[A-Za-z0-9._:@+-]+$': 'lead-42',
  '^[A-Z]{2}$': 'DE',
  '^[A-Z]{3}$': 'EUR',
  // a sealed personal field (see the kit's crypto envelope)
  '^lf1\\.[lv]\\.[A-Za-z0-9_-]+\\.[1-9][0-9]{0,8}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22,}$': 'lf1.l.bGVhZC00Mg.1.AAECAwQFBgcICQoL.c2VhbGVkIGZpZWxkIGFuZCB0YWc',
};
const byFormat: Record<string, string> = { uuid: '7d1f3c1e-6f0a-4a53-9b52-6a4fcb3b1f10', email: 'vera@example.com' };

/** A value of the JSON Schema with every optional field present, so every field is exercised. */
function sampleOf(json: Json, field: string): unknown {
  if (json.avroType === 'bytes') return Buffer.from([0, 1, 254, 255]);
  if (json.anyOf) return sampleOf(json.anyOf.find((b) => b.type !== 'null') as Json, field);
  if (json.enum) return json.enum[json.enum.length - 1];
  switch (json.type) {
    case 'string':
      if (json.format) return byFormat[json.format] ?? fail(`no sample for format ${json.format} of ${field}`);
      if (json.pattern) return byPattern[json.pattern] ?? fail(`no sample for pattern ${json.pattern} of ${field}`);
      return `${field}: Grüße 🚀`;
    case 'integer':
      return json.avroLogicalType === 'timestamp-millis' ? 1_764_669_600_123 : Math.min(json.maximum ?? 7, Math.max(json.minimum ?? 0, 7));
    case 'number':
      return json.multipleOf === 0.01 ? 1234.56 : Math.min(json.maximum ?? 0.75, Math.max(json.minimum ?? 0, 0.75));
    case 'boolean':
      return true;
    case 'array':
      return [sampleOf(json.items ?? {}, field)];
    case 'object':
      return Object.fromEntries(Object.entries(json.properties ?? {}).map(([name, sub]) => [name, sampleOf(sub, name)]));
    default:
      return fail(`no sample for JSON Schema type ${String(json.type)} of ${field}`);
  }
}

const fail = (message: string): never => {
  throw new Error(message);
};

const jsonOf = (schema: z.ZodType): Json => z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as Json;

function samplesOfTopic(key: TopicKey, topic: AnyTopic): ContractSample[] {
  if (topic.kind === 'plain') return [{ topic: key, type: topic.recordName, record: sampleOf(jsonOf(topic.schema), topic.recordName) as Record<string, unknown> }];
  const envelope = sampleOf(jsonOf(z.object(topic.envelope)), topic.recordName) as Record<string, unknown>;
  return Object.entries(topic.payloads).map(([type, payload]) => ({
    topic: key,
    type,
    record: { ...envelope, type, payload: sampleOf(jsonOf(payload), type) },
  }));
}

/** Every sample, each checked against its topic's contract. */
export function contractSamples(): ContractSample[] {
  const samples = (Object.keys(topics) as TopicKey[]).flatMap((key) => samplesOfTopic(key, topics[key]));
  for (const { topic, type, record } of samples) {
    const parsed = topics[topic].schema.safeParse(record);
    if (!parsed.success) throw new Error(`sample ${topic}/${type} breaks its contract: ${parsed.error.message}`);
  }
  return samples;
}
