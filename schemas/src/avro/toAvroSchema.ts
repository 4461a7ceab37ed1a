import { z } from 'zod';

/** An Avro schema as plain JSON. */
export type AvroSchema = string | AvroSchema[] | { [key: string]: unknown };

interface JsonSchema {
  type?: string;
  enum?: string[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  description?: string;
  avroLogicalType?: string;
  avroType?: string;
  avroPrecision?: number;
}

/**
 * The symbol every derived enum falls back to: a reader whose schema lacks a symbol a newer writer
 * used reads it as this one instead of failing (Avro enum `default`).
 */
export const UNKNOWN_SYMBOL = 'unknown';

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

const pascal = (name: string): string =>
  name.replace(/(^|_|-)([a-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase());

/**
 * Converts a zod object schema into an Avro record. zod is the single source of every contract:
 * the TypeScript type is `z.infer`, the validator is the schema itself, and the Avro schema the
 * registry holds is derived here, so the three cannot drift.
 */
export function toAvroRecord(name: string, schema: z.ZodType, namespace: string): AvroSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'throw' }) as JsonSchema;
  return new AvroConverter(namespace).convert(json, name);
}

/** Converts JSON Schema (as zod emits it) to Avro, naming nested records and enums by their field. */
export class AvroConverter {
  private readonly defined = new Map<string, string>();

  constructor(private readonly namespace: string) {}

  convert(json: JsonSchema, name: string): AvroSchema {
    if (json.anyOf) return this.union(json.anyOf, name);
    if (json.avroType === 'bytes') return 'bytes';
    if (json.const !== undefined) return typeof json.const === 'number' ? 'double' : 'string';
    switch (json.type) {
      case 'string':
        return json.enum ? this.named(name, enumOf(json.enum)) : 'string';
      case 'integer':
        return this.integer(json);
      case 'number':
        return json.avroLogicalType === 'decimal' ? decimal(json, name) : 'double';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array':
        return { type: 'array', items: this.convert(json.items ?? {}, singular(name)) };
      case 'object':
        return this.record(json, name);
      default:
        throw new TypeError(`cannot express JSON Schema type ${String(json.type)} of ${name} in Avro`);
    }
  }

  record(json: JsonSchema, name: string): AvroSchema {
    const required = new Set(json.required ?? []);
    const fields = Object.entries(json.properties ?? {}).map(([field, sub]) => {
      const type = this.convert(sub, pascal(field));
      const doc = sub.description ? { doc: sub.description } : {};
      return required.has(field)
        ? { name: field, type, ...doc }
        : { name: field, type: ['null', type], default: null, ...doc };
    });
    return this.named(name, { type: 'record', fields });
  }

  private integer(json: JsonSchema): AvroSchema {
    if (json.avroLogicalType) return { type: 'long', logicalType: json.avroLogicalType };
    const fitsInt =
      json.minimum !== undefined && json.maximum !== undefined && json.minimum >= INT32_MIN && json.maximum <= INT32_MAX;
    return fitsInt ? 'int' : 'long';
  }

  private union(branches: JsonSchema[], name: string): AvroSchema {
    const nonNull = branches.filter((b) => b.type !== 'null');
    const converted = nonNull.map((b, i) => this.convert(b, nonNull.length > 1 ? `${name}${i}` : name));
    return branches.length > nonNull.length ? ['null', ...converted] : converted;
  }

  private named(name: string, body: Record<string, unknown>): AvroSchema {
    const fullName = `${this.namespace}.${name}`;
    const shape = JSON.stringify(body);
    const earlier = this.defined.get(fullName);
    if (earlier === shape) return fullName;
    if (earlier !== undefined) throw new TypeError(`two different Avro types would both be named ${fullName}`);
    this.defined.set(fullName, shape);
    return { ...body, name, namespace: this.namespace };
  }
}

/** An enum whose readers survive symbols added later: they read them as `unknown`. */
export function enumOf(symbols: readonly string[]): { type: 'enum'; symbols: string[]; default: string } {
  const all = symbols.includes(UNKNOWN_SYMBOL) ? [...symbols] : [...symbols, UNKNOWN_SYMBOL];
  return { type: 'enum', symbols: all, default: UNKNOWN_SYMBOL };
}

/** `decimal(precision, scale)` on `bytes`, the scale from the contract's `multipleOf` (0.01 → 2). */
function decimal(json: JsonSchema, name: string): AvroSchema {
  const scale = json.multipleOf === undefined ? NaN : -Math.log10(json.multipleOf);
  if (!Number.isInteger(scale) || json.avroPrecision === undefined) {
    throw new TypeError(`decimal ${name} needs multipleOf a power of ten and avroPrecision`);
  }
  return { type: 'bytes', logicalType: 'decimal', precision: json.avroPrecision, scale };
}

const singular = (name: string): string => (name.endsWith('s') ? name.slice(0, -1) : `${name}Item`);
