import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { AnyTopic, RecordOf } from '@leadflow/schemas';
import { DecodeError } from '../errors/LeadflowError';
import { fromAvroShape, toAvroShape } from './avroShape';

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

/**
 * Encodes and decodes one topic's records in the Confluent wire format through the registry, and
 * validates what it decodes against the topic's zod contract, so handlers only see typed values.
 */
export class TopicCodec<T extends AnyTopic> {
  constructor(
    readonly topic: T,
    /** The Kafka topic name, which may carry a namespace prefix for isolated runs. */
    readonly topicName: string,
    private readonly registry: SchemaRegistry,
    private readonly schemaId: number,
  ) {}

  async encode(record: RecordOf<T>): Promise<Buffer> {
    return this.registry.encode(this.schemaId, toAvroShape(this.topic, record as Record<string, unknown>));
  }

  async decode(buffer: Buffer | null): Promise<DecodeResult<RecordOf<T>>> {
    if (!buffer || buffer.length === 0) return { ok: false, error: new DecodeError('record has no value') };
    let decoded: unknown;
    try {
      decoded = await this.registry.decode(buffer);
    } catch (cause) {
      return { ok: false, error: new DecodeError(`cannot decode Avro: ${(cause as Error).message}`, cause) };
    }
    const parsed = this.topic.schema.safeParse(fromAvroShape(this.topic, decoded as Record<string, unknown>));
    if (parsed.success) return { ok: true, value: parsed.data as RecordOf<T> };
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, error: new DecodeError(`record violates ${this.topic.name}: ${problems}`, parsed.error) };
  }

  /** The Kafka key: the record's subject id, so one subject's records stay ordered in one partition. */
  keyOf(record: RecordOf<T>): string | null {
    const r = record as Record<string, unknown>;
    if (this.topic.keyField === undefined) return null;
    const key = r[this.topic.keyField] ?? r.leadId ?? r.anonymousId;
    return typeof key === 'string' ? key : null;
  }
}
