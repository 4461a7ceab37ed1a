import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { AnyTopic, AvroSchema } from '@leadflow/schemas';
import { RegistryUnavailableError } from '../errors/LeadflowError';
import { AvroShape, type FromAvroResult } from './avroShape';

/**
 * Reads a record written under an earlier schema of a topic's contract (a `.v1` topic) by its
 * writer's schema, fetched from the registry by the id the record carries, into the TypeScript shape
 * of `topic`: optional nulls dropped, the payload's union branch unwrapped, money as a number. The
 * value is not validated: the caller checks it against today's contract. Bad bytes or an unknown
 * schema id are a reason; an unreachable registry throws `RegistryUnavailableError`.
 */
export async function readWithWriterSchema(registry: SchemaRegistry, topic: AnyTopic, buffer: Buffer | null): Promise<FromAvroResult> {
  if (!buffer || buffer.length < 5 || buffer[0] !== 0) return { ok: false, reason: 'record is not in the Confluent wire format (magic byte 0, schema id)' };
  const schemaId = buffer.readInt32BE(1);
  let writer: AvroSchema;
  try {
    const type = (await registry.getSchema(schemaId)) as unknown as { schema?: () => AvroSchema };
    if (typeof type.schema !== 'function') return { ok: false, reason: `schema ${schemaId} is not an Avro schema` };
    writer = type.schema();
  } catch (cause) {
    if ((cause as { status?: unknown }).status === 404) return { ok: false, reason: `schema id ${schemaId} is unknown to the registry` };
    throw new RegistryUnavailableError(`schema registry unavailable while fetching schema ${schemaId}: ${(cause as Error).message}`, cause);
  }
  let decoded: unknown;
  try {
    decoded = await registry.decode(buffer);
  } catch (cause) {
    return { ok: false, reason: `cannot decode Avro: ${(cause as Error).message}` };
  }
  return new AvroShape({ ...topic, avro: writer } as AnyTopic).fromAvro(decoded);
}
