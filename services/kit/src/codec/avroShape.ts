import { PAYLOAD_DISCRIMINATOR, type AnyTopic, type AvroSchema } from '@leadflow/schemas';
import { fromDecimalBytes, toDecimalBytes } from './decimalBytes';

type Node = { type: AvroSchema; name?: string; namespace?: string; fields?: Field[]; items?: AvroSchema; symbols?: string[]; logicalType?: string; scale?: number };
type Field = { name: string; type: AvroSchema };

/** What differs between the two directions of the walk over the schema. */
interface Direction {
  /** What an absent optional value is on this side. */
  absent: null | undefined;
  union(branches: AvroSchema[], value: unknown, ns: string): unknown;
  decimal(value: unknown, scale: number): unknown;
  bytes(value: unknown): unknown;
}

export type FromAvroResult = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * The one place where the values TypeScript holds and the values Avro (avsc) holds meet, walking the
 * topic's Avro schema: optional fields are `undefined` here and `null` there; a payload record
 * carries its `eventType` discriminator there and not here, and avsc names the branch of a union of
 * records; money is a number here and `decimal` bytes there; dead-letter bytes are a Uint8Array
 * here and a Buffer there. Timestamps are epoch milliseconds on both sides (`timestamp-millis` on a
 * `long`), so they pass as they are.
 */
export class AvroShape {
  private readonly named = new Map<string, Node>();

  constructor(private readonly topic: AnyTopic) {
    this.collectNames(topic.avro, '');
  }

  toAvro(record: Record<string, unknown>): unknown {
    if (this.topic.kind !== 'typed') return this.to(this.topic.avro, record, '');
    const payload = { ...(record.payload as object), [PAYLOAD_DISCRIMINATOR]: record.type };
    return this.to(this.topic.avro, { ...record, payload }, '');
  }

  /** The TypeScript shape of a decoded value, or why it cannot be one. */
  fromAvro(decoded: unknown): FromAvroResult {
    let value: Record<string, unknown>;
    try {
      value = this.from(this.topic.avro, decoded, '') as Record<string, unknown>;
    } catch (cause) {
      return { ok: false, reason: (cause as Error).message };
    }
    if (this.topic.kind !== 'typed' || typeof value.payload !== 'object') return { ok: true, value };
    const { [PAYLOAD_DISCRIMINATOR]: payloadType, ...payload } = value.payload as Record<string, unknown>;
    // Absent in records written before payloads carried it.
    if (payloadType !== undefined && payloadType !== value.type) {
      return { ok: false, reason: `type is ${String(value.type)} but the payload is a ${String(payloadType)}` };
    }
    return { ok: true, value: { ...value, payload } };
  }

  private readonly toAvroSide: Direction = {
    absent: null,
    union: (branches, value, ns) => this.toUnion(branches, value, ns),
    decimal: (value, scale) => toDecimalBytes(value as number, scale),
    bytes: (value) => (value instanceof Uint8Array ? asBuffer(value) : value),
  };

  private readonly fromAvroSide: Direction = {
    absent: undefined,
    union: (branches, value, ns) => this.fromUnion(branches, value, ns),
    decimal: (value, scale) => fromDecimalBytes(value as Buffer, scale),
    bytes: (value) => value,
  };

  private to(schema: AvroSchema, value: unknown, ns: string): unknown {
    return this.walk(schema, value, ns, this.toAvroSide);
  }

  private from(schema: AvroSchema, value: unknown, ns: string): unknown {
    return this.walk(schema, value, ns, this.fromAvroSide);
  }

  private walk(schema: AvroSchema, value: unknown, ns: string, side: Direction): unknown {
    if (value === null || value === undefined) return side.absent;
    if (typeof schema === 'string') {
      const named = this.resolve(schema, ns);
      if (named) return this.walk(named, value, named.namespace ?? ns, side);
      return schema === 'bytes' ? side.bytes(value) : value;
    }
    if (Array.isArray(schema)) return side.union(schema, value, ns);
    const node = schema as Node;
    const inner = node.namespace ?? ns;
    if (node.logicalType === 'decimal') return side.decimal(value, node.scale ?? 0);
    switch (node.type) {
      case 'record': {
        const source = value as Record<string, unknown>;
        const entries = (node.fields ?? []).map((f) => [f.name, this.walk(f.type, source[f.name], inner, side)] as const);
        return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
      }
      case 'array':
        return (value as unknown[]).map((item) => this.walk(node.items as AvroSchema, item, inner, side));
      default:
        return typeof node.type === 'string' && node.type !== 'enum' ? this.walk(node.type, value, inner, side) : value;
    }
  }

  /** Optional values are `[null, T]`; a union of records is the payload, its branch named by the discriminator. */
  private toUnion(branches: AvroSchema[], value: unknown, ns: string): unknown {
    const nonNull = branches.filter((b) => b !== 'null');
    if (nonNull.length === 1) return this.to(nonNull[0] as AvroSchema, value, ns);
    const wanted = (value as Record<string, unknown>)[PAYLOAD_DISCRIMINATOR];
    for (const branch of nonNull) {
      const { node, fullName } = this.recordOf(branch, ns);
      const discriminator = node.fields?.find((f) => f.name === PAYLOAD_DISCRIMINATOR)?.type as Node | undefined;
      if (discriminator?.symbols?.includes(String(wanted))) return { [fullName]: this.to(node, value, namespaceOf(fullName)) };
    }
    throw new TypeError(`no branch of the union is a ${String(wanted)}`);
  }

  /** avsc leaves `[null, T]` bare and wraps a value of a wider union as `{ fullName: value }`. */
  private fromUnion(branches: AvroSchema[], value: unknown, ns: string): unknown {
    const nonNull = branches.filter((b) => b !== 'null');
    if (nonNull.length === 1) return this.from(nonNull[0] as AvroSchema, value, ns);
    const [[fullName, inner]] = Object.entries(value as Record<string, unknown>) as [[string, unknown]];
    const branch = nonNull.find((b) => this.recordOf(b, ns).fullName === fullName);
    if (branch === undefined) throw new TypeError(`the union holds no ${fullName}`);
    return this.from(this.recordOf(branch, ns).node, inner, namespaceOf(fullName));
  }

  private recordOf(schema: AvroSchema, ns: string): { node: Node; fullName: string } {
    const node = (typeof schema === 'string' ? this.resolve(schema, ns) : schema) as Node;
    return { node, fullName: fullNameOf(node.name ?? '', node.namespace ?? ns) };
  }

  private resolve(name: string, ns: string): Node | undefined {
    return this.named.get(name) ?? this.named.get(fullNameOf(name, ns));
  }

  private collectNames(schema: AvroSchema, ns: string): void {
    if (typeof schema === 'string') return;
    if (Array.isArray(schema)) return schema.forEach((b) => this.collectNames(b, ns));
    const node = schema as Node;
    const inner = node.namespace ?? ns;
    if (node.name !== undefined) this.named.set(fullNameOf(node.name, inner), node);
    for (const f of node.fields ?? []) this.collectNames(f.type, inner);
    if (node.items !== undefined) this.collectNames(node.items, inner);
    if (typeof node.type === 'object') this.collectNames(node.type, inner);
  }
}

const fullNameOf = (name: string, ns: string): string => (name.includes('.') || ns === '' ? name : `${ns}.${name}`);
const namespaceOf = (fullName: string): string => fullName.slice(0, Math.max(0, fullName.lastIndexOf('.')));
const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
