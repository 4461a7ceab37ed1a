import type { AnyTopic } from '@leadflow/schemas';

/**
 * Avro has no `undefined` and names the branch of a union of records; zod has optional fields and
 * a plain `payload`. These two functions translate between the shapes at the boundary.
 */
export function toAvroShape(topic: AnyTopic, record: Record<string, unknown>): Record<string, unknown> {
  if (topic.kind !== 'typed' || Object.keys(topic.payloads).length === 1) return record;
  const namespace = (topic.avro as { namespace: string }).namespace;
  const branch = `${namespace}.${pascal(String(record.type))}`;
  return { ...record, payload: { [branch]: record.payload } };
}

export function fromAvroShape(topic: AnyTopic, decoded: Record<string, unknown>): unknown {
  const plain = withoutNulls(decoded) as Record<string, unknown>;
  if (topic.kind !== 'typed' || plain.payload === undefined || Object.keys(topic.payloads).length === 1) return plain;
  const wrapped = plain.payload as Record<string, unknown>;
  const [only] = Object.values(wrapped);
  return { ...plain, payload: only };
}

function withoutNulls(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const cleaned = withoutNulls(inner);
      if (cleaned !== undefined) out[key] = cleaned;
    }
    return out;
  }
  return value;
}

const pascal = (type: string): string => type.replace(/(^|_)([a-z0-9])/g, (_m, _s: string, c: string) => c.toUpperCase());
