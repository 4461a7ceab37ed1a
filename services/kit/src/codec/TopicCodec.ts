import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { AnyTopic, RecordOf } from '@leadflow/schemas';
import { ContractViolationError, DecodeError, RegistryUnavailableError } from '../errors/LeadflowError';
import { AvroShape } from './avroShape';
import { wireEncode, type AvroWriter } from './wireEncode';

/** What of an Avro type (avsc's `Type`) decoding needs: the value of a whole buffer, or a throw. */
interface AvroReader {
  fromBuffer(buffer: Buffer): unknown;
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

/**
 * Where a record is checked against its topic's zod contract. `contract`: on every decode, for the
 * topics records enter the pipeline on (ingest writes them, but so may any producer a user points
 * at them). `avro`: once, when the pipeline's own codec encodes it, for internal topics only
 * leadflow's services write; their consumers, replays and rebuilds decode them by Avro alone (the
 * contract has no defaults or transforms, so the values are the same). Bytes that do not decode
 * are refused either way.
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
  /** The schemas records were written with, by id, as the registry gave them. */
  private readonly readers = new Map<number, AvroReader>();

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

  /**
   * Encodes a record; for an internal topic (`check` is `avro`) only after checking it against the
   * contract, the one check its records get. A record that breaks it was built wrong by the
   * pipeline: `ContractViolationError`, a defect, naming what it breaks.
   */
  async encode(record: RecordOf<T>): Promise<Buffer> {
    if (this.check === 'avro') {
      const parsed = this.parse(record);
      if (!parsed.ok) throw new ContractViolationError(`a ${this.topic.name} record built by the pipeline breaks its contract: ${parsed.problems}`, parsed.cause);
    }
    return this.encodeUnchecked(record);
  }

  private async encodeUnchecked(record: RecordOf<T>): Promise<Buffer> {
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
    const known = this.decodeKnown(buffer);
    if (known) return known;
    const schemaId = (buffer as Buffer).readInt32BE(1);
    try {
      this.readers.set(schemaId, (await this.registry.getSchema(schemaId)) as unknown as AvroReader);
    } catch (cause) {
      if ((cause as { status?: unknown }).status === 404) {
        return { ok: false, error: new DecodeError(`schema id ${schemaId} is unknown to the registry`, cause) };
      }
      throw new RegistryUnavailableError(`schema registry unavailable while fetching schema ${schemaId}: ${(cause as Error).message}`, cause);
    }
    return this.decodeKnown(buffer) as DecodeResult<RecordOf<T>>;
  }

  /**
   * `decode` without a promise, for records whose writer schema this codec has met before (all
   * but the first of a schema id): undefined when the registry must be asked first. Consumers
   * decode every record through here, so a batch of thousands costs no promise per record.
   */
  decodeKnown(buffer: Buffer | null): DecodeResult<RecordOf<T>> | undefined {
    if (!buffer || buffer.length === 0) return { ok: false, error: new DecodeError('record has no value') };
    if (buffer.length < 5 || buffer[0] !== 0) return { ok: false, error: new DecodeError('record is not in the Confluent wire format (magic byte 0, schema id)') };
    const reader = this.readers.get(buffer.readInt32BE(1));
    if (!reader) return undefined;
    let decoded: unknown;
    try {
      // what the registry client's decode does with a writer schema and no reader schema
      decoded = reader.fromBuffer(buffer.subarray(5));
    } catch (cause) {
      return { ok: false, error: new DecodeError(`cannot decode Avro: ${(cause as Error).message}`, cause) };
    }
    const shaped = this.shape.fromAvro(decoded);
    if (!shaped.ok) return { ok: false, error: new DecodeError(`record violates ${this.topic.name}: ${shaped.reason}`) };
    if (this.check === 'avro') return { ok: true, value: shaped.value as RecordOf<T> };
    const parsed = this.parse(shaped.value);
    if (parsed.ok) return { ok: true, value: parsed.record };
    return { ok: false, error: new DecodeError(`record violates ${this.topic.name}: ${parsed.problems}`, parsed.cause) };
  }

  /**
   * Validates a value of unknown shape against the topic's contract, then encodes it with its key:
   * for records whose type the compiler cannot follow (generated traffic, re-driven dead letters).
   */
  async encodeChecked(value: unknown): Promise<{ key: string | null; value: Buffer }> {
    const record = this.validate(value);
    return { key: this.keyOf(record), value: await this.encodeUnchecked(record) };
  }

  /** The value as a record of this topic, or `DecodeError` naming every field the contract refuses. */
  private validate(value: unknown): RecordOf<T> {
    const parsed = this.parse(value);
    if (!parsed.ok) throw new DecodeError(`record violates ${this.topic.name}: ${parsed.problems}`, parsed.cause);
    return parsed.record;
  }

  /** The value parsed by the contract, or every field the contract refuses. */
  private parse(value: unknown): { ok: true; record: RecordOf<T> } | { ok: false; problems: string; cause: unknown } {
    const parsed = this.topic.schema.safeParse(value);
    if (parsed.success) return { ok: true, record: parsed.data as RecordOf<T> };
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), cause: parsed.error };
  }

  /** The Kafka key: the record's subject id, so one subject's records stay ordered in one partition. */
  keyOf(record: RecordOf<T>): string | null {
    const r = record as Record<string, unknown>;
    if (this.topic.keyField === undefined) return null;
    const key = r[this.topic.keyField] ?? r.leadId ?? r.anonymousId;
    return typeof key === 'string' ? key : null;
  }
}
