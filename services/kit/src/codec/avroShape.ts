import { PAYLOAD_DISCRIMINATOR, type AnyTopic, type AvroSchema } from '@leadflow/schemas';
import { fromDecimalBytes, toDecimalBytes } from './decimalBytes';

type Node = { type: AvroSchema; name?: string; namespace?: string; fields?: Field[]; items?: AvroSchema; symbols?: string[]; logicalType?: string; scale?: number };
type Field = { name: string; type: AvroSchema };
type Convert = (value: unknown) => unknown;

export type FromAvroResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** What differs between the two directions of the conversion. */
interface Direction {
  /** What an absent optional value is on this side. */
  absent: null | undefined;
  /** The conversion of a union with more than one non-null branch (the payload union). */
  union(branches: { fullName: string; node: Node; convert: Convert }[]): Convert;
  decimal(scale: number): Convert;
  bytes: Convert;
}

/**
 * The one place where the values TypeScript holds and the values Avro (avsc) holds meet, compiled
 * once per topic from its Avro schema: optional fields are `undefined` here and `null` there; a
 * payload record carries its `eventType` discriminator there and not here, and avsc names the
 * branch of a union of records; money is a number here and `decimal` bytes there; dead-letter
 * bytes are a Uint8Array here and a Buffer there. Timestamps are epoch milliseconds on both sides
 * (`timestamp-millis` on a `long`), so they pass as they are.
 */
export class AvroShape {
  private readonly named = new Map<string, Node>();
  private readonly toAvroValue: Convert;
  private readonly fromAvroValue: Convert;

  constructor(private readonly topic: AnyTopic) {
    this.collectNames(topic.avro, '');
    this.toAvroValue = this.compile(topic.avro, '', toAvroSide, new Map());
    this.fromAvroValue = this.compile(topic.avro, '', fromAvroSide, new Map());
  }

  toAvro(record: Record<string, unknown>): unknown {
    if (this.topic.kind !== 'typed') return this.toAvroValue(record);
    const payload = { ...(record.payload as object), [PAYLOAD_DISCRIMINATOR]: record.type };
    return this.toAvroValue({ ...record, payload });
  }

  /** The TypeScript shape of a decoded value, or why it cannot be one. */
  fromAvro(decoded: unknown): FromAvroResult {
    let value: Record<string, unknown>;
    try {
      value = this.fromAvroValue(decoded) as Record<string, unknown>;
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

  /** A conversion of values of `schema`; named types are compiled once each (`compiled`). */
  private compile(schema: AvroSchema, ns: string, side: Direction, compiled: Map<string, Convert>): Convert {
    const inner = this.compileDefined(schema, ns, side, compiled);
    return (value) => (value === null || value === undefined ? side.absent : inner(value));
  }

  private compileDefined(schema: AvroSchema, ns: string, side: Direction, compiled: Map<string, Convert>): Convert {
    if (typeof schema === 'string') {
      const named = this.resolve(schema, ns);
      if (!named) return schema === 'bytes' ? side.bytes : identity;
      return this.compileNamed(named, ns, side, compiled);
    }
    if (Array.isArray(schema)) return this.compileUnion(schema, ns, side, compiled);
    const node = schema as Node;
    const inner = node.namespace ?? ns;
    if (node.logicalType === 'decimal') return side.decimal(node.scale ?? 0);
    switch (node.type) {
      case 'record':
        return node.name === undefined ? this.compileRecord(node, inner, side, compiled) : this.compileNamed(node, ns, side, compiled);
      case 'array': {
        const item = this.compile(node.items as AvroSchema, inner, side, compiled);
        return (value) => (value as unknown[]).map(item);
      }
      default:
        return typeof node.type === 'string' && node.type !== 'enum' ? this.compileDefined(node.type, inner, side, compiled) : identity;
    }
  }

  /** Compiled once by full name; a reference met while compiling it (recursion) calls it lazily. */
  private compileNamed(node: Node, ns: string, side: Direction, compiled: Map<string, Convert>): Convert {
    if (node.type !== 'record') return identity;
    const fullName = fullNameOf(node.name ?? '', node.namespace ?? ns);
    const known = compiled.get(fullName);
    if (known) return known;
    let convert: Convert = identity;
    compiled.set(fullName, (value) => convert(value));
    convert = this.compileRecord(node, namespaceOf(fullName), side, compiled);
    compiled.set(fullName, convert);
    return convert;
  }

  private compileRecord(node: Node, ns: string, side: Direction, compiled: Map<string, Convert>): Convert {
    const fields = (node.fields ?? []).map((f) => ({ name: f.name, convert: this.compile(f.type, ns, side, compiled) }));
    return (value) => {
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const { name, convert } of fields) {
        const converted = convert(source[name]);
        if (converted !== undefined) out[name] = converted;
      }
      return out;
    };
  }

  /** Optional values are `[null, T]`; a wider union (the payload) is the direction's to resolve. */
  private compileUnion(union: AvroSchema[], ns: string, side: Direction, compiled: Map<string, Convert>): Convert {
    const nonNull = union.filter((b) => b !== 'null');
    if (nonNull.length === 1) return this.compile(nonNull[0] as AvroSchema, ns, side, compiled);
    return side.union(
      nonNull.map((branch) => {
        const node = (typeof branch === 'string' ? this.resolve(branch, ns) : branch) as Node;
        const fullName = fullNameOf(node.name ?? '', node.namespace ?? ns);
        return { fullName, node, convert: this.compile(node, ns, side, compiled) };
      }),
    );
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

/** To avsc: the payload's branch is the record whose discriminator names the event type. */
const toAvroSide: Direction = {
  absent: null,
  union: (branches) => {
    const byType = new Map<string, { fullName: string; convert: Convert }>();
    for (const branch of branches) {
      const discriminator = branch.node.fields?.find((f) => f.name === PAYLOAD_DISCRIMINATOR)?.type as Node | undefined;
      for (const symbol of discriminator?.symbols ?? []) byType.set(symbol, branch);
    }
    return (value) => {
      const wanted = String((value as Record<string, unknown>)[PAYLOAD_DISCRIMINATOR]);
      const branch = byType.get(wanted);
      if (!branch) throw new TypeError(`no branch of the union is a ${wanted}`);
      return { [branch.fullName]: branch.convert(value) };
    };
  },
  decimal: (scale) => (value) => toDecimalBytes(value as number, scale),
  bytes: (value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value),
};

/** From avsc: a value of a wider union comes wrapped as `{ fullName: value }`. */
const fromAvroSide: Direction = {
  absent: undefined,
  union: (branches) => {
    const byName = new Map(branches.map((b) => [b.fullName, b.convert]));
    return (value) => {
      const [[fullName, inner]] = Object.entries(value as Record<string, unknown>) as [[string, unknown]];
      const convert = byName.get(fullName);
      if (!convert) throw new TypeError(`the union holds no ${fullName}`);
      return convert(inner);
    };
  },
  decimal: (scale) => (value) => fromDecimalBytes(value as Buffer, scale),
  bytes: (value) => value,
};

const identity: Convert = (value) => value;
const fullNameOf = (name: string, ns: string): string => (name.includes('.') || ns === '' ? name : `${ns}.${name}`);
const namespaceOf = (fullName: string): string => fullName.slice(0, Math.max(0, fullName.lastIndexOf('.')));
