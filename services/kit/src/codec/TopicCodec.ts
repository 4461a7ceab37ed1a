import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { AnyTopic, RecordOf } from '@leadflow/schemas';
import { DecodeError, RegistryUnavailableError } from '../errors/LeadflowError';
import { AvroShape } from './avroShape';
import { wireEncode, type AvroWriter } from './wireEncode';

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

/**
 * What a decoded record is checked against: the topic's zod contract, or its Avro schema alone —
 * for internal topics that only the pipeline's own codec writes, whose records were checked
 * against the contract when they were encoded (the contract has no defaults or transforms, so
 * the values are the same). Bytes that do not decode are refused either way.
 */
export type DecodeCheck = 'contract' | 'avro';

/**
 * Encodes and decodes one topic's records in the Confluent wire format through the registry, and
 * validates what it decodes against the topic's zod contract, so handlers only see typed values.
 */
export class TopicCodec<T extends AnyTopic> {
  private readonly shape: AvroShape;
  /** The writer schema, once the registry gave it. */
  private writer: AvroWriter | undefined;

  constructor(
    readonly topic: T,
    /** The Kafka topic name, which may carry a namespace prefix for isolated runs. */
    readonly topicName: string,
    private readonly registry: SchemaRegistry,
    private readonly schemaId: number,
    readonly check: DecodeCheck = 'contract',
  ) {
    this.shape = new AvroShape(topic);
  }

  async encode(record: RecordOf<T>): Promise<Buffer> {
    const avro = this.shape.toAvro(record as Record<string, unknown>);
    this.writer ??= (await this.registry.getSchema(this.schemaId)) as unknown as AvroWriter;
    try {
      return wireEncode(this.writer, this.schemaId, avro);
    } catch {
      // the registry client names the paths of the value its schema refuses
      return this.registry.encode(this.schemaId, avro);
    }
  }

  /**
   * Decodes and validates a record's value. Bytes that are not Confluent wire format, a schema id the
   * registry does not know and values that break the contract are bad data (returned as an error);
   * a registry that cannot be reached throws `RegistryUnavailableError`, so the record waits for it.
   */
  async decode(buffer: Buffer | null): Promise<DecodeResult<RecordOf<T>>> {
    if (!buffer || buffer.length === 0) return { ok: false, error: new DecodeError('record has no value') };
    if (buffer.length < 5 || buffer[0] !== 0) return { ok: false, error: new DecodeError('record is not in the Confluent wire format (magic byte 0, schema id)') };
    const schemaId = buffer.readInt32BE(1);
    try {
      await this.registry.getSchema(schemaId);
    } catch (cause) {
      if ((cause as { status?: unknown }).status === 404) {
        return { ok: false, error: new DecodeError(`schema id ${schemaId} is unknown to the registry`, cause) };
      }
      throw new RegistryUnavailableError(`schema registry unavailable while fetching schema ${schemaId}: ${(cause as Error).message}`, cause);
    }
    let decoded: unknown;
    try {
      decoded = await this.registry.decode(buffer);
    } catch (cause) {
      return { ok: false, error: new DecodeError(`cannot decode Avro: ${(cause as Error).message}`, cause) };
    }
    const shaped = this.shape.fromAvro(decoded);
    if (!shaped.ok) return { ok: false, error: new DecodeError(`record violates ${this.topic.name}: ${shaped.reason}`) };
    if (this.check === 'avro') return { ok: true, value: shaped.value as RecordOf<T> };
    const parsed = this.topic.schema.safeParse(shaped.value);
    if (parsed.success) return { ok: true, value: parsed.data as RecordOf<T> };
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, error: new DecodeError(`record violates ${this.topic.name}: ${problems}`, parsed.error) };
  }

  /**
   * Validates a value of unknown shape against the topic's contract, then encodes it with its key:
   * for records whose type the compiler cannot follow (generated traffic, re-driven dead letters).
   */
  async encodeChecked(value: unknown): Promise<{ key: string | null; value: Buffer }> {
    const parsed = this.topic.schema.safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new DecodeError(`record violates ${this.topic.name}: ${problems}`, parsed.error);
    }
    const record = parsed.data as RecordOf<T>;
    return { key: this.keyOf(record), value: await this.encode(record) };
  }

  /** The Kafka key: the record's subject id, so one subject's records stay ordered in one partition. */
  keyOf(record: RecordOf<T>): string | null {
    const r = record as Record<string, unknown>;
    if (this.topic.keyField === undefined) return null;
    const key = r[this.topic.keyField] ?? r.leadId ?? r.anonymousId;
    return typeof key === 'string' ? key : null;
  }
}
