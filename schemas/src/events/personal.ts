import { z } from 'zod';

/**
 * A personal field on a topic: `lf1.<kind>.<subject>.<keyVersion>.<iv>.<ciphertext+tag>`, kind `l`
 * (lead) or `v` (visitor), the subject id, the 12-byte IV and the AES-256-GCM output in base64url.
 * The envelope names its own key, so a record re-keyed to another lead still opens with its
 * visitor's key, and erasing that key leaves the field unreadable everywhere it was copied.
 */
export const SEALED_FIELD = /^lf1\.[lv]\.[A-Za-z0-9_-]+\.[1-9][0-9]{0,8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

/** Longest envelope a topic takes: the longest personal plaintext (2000 UTF-16 units, up to 4 bytes each in UTF-8) sealed. */
const MAX_SEALED_LENGTH = 12_000;

/** Whether a string is a sealed personal field rather than plaintext. */
export const isSealedField = (value: string): boolean => value.length <= MAX_SEALED_LENGTH && SEALED_FIELD.test(value);

/** The topic form of a personal field: an envelope, never plaintext. */
export const sealedField = z
  .string()
  .max(MAX_SEALED_LENGTH)
  .regex(SEALED_FIELD, 'must be a sealed personal field (lf1.…); personal data never travels in clear');

const PERSONAL = 'personal';

/**
 * Marks a field of an inbound contract as personal data: the API validates the plaintext with the
 * wrapped schema; ingest seals it before producing and the topic contract takes the envelope form
 * (`sealedField`) in its place. Works on strings and on arrays of strings.
 */
export function personal<S extends z.ZodString | z.ZodEmail | z.ZodArray<z.ZodString>>(schema: S): S {
  return schema.meta({ leadflowPersonal: PERSONAL }) as S;
}

/** Whether a schema (unwrapped of `optional`) was marked with `personal(...)`. */
export function isPersonal(schema: z.ZodType): boolean {
  return (z.globalRegistry.get(schema) as { leadflowPersonal?: unknown } | undefined)?.leadflowPersonal === PERSONAL;
}

/** Where a personal field sits in a payload; `each` when it is an array whose every item is sealed. */
export interface PersonalField {
  path: readonly string[];
  each: boolean;
}

/** The name a personal field is sealed under (its additional data): `question_asked.text`, `qualification_captured.value.painPoints`. */
export const personalFieldName = (type: string, path: readonly string[]): string => `${type}.${path.join('.')}`;

const unwrapOptional = (schema: z.ZodType): { inner: z.ZodType; optional: boolean } =>
  schema instanceof z.ZodOptional ? { inner: schema.unwrap() as z.ZodType, optional: true } : { inner: schema, optional: false };

/** The personal fields of a payload contract, found once from its `personal(...)` marks. */
export function personalFieldsOf(schema: z.ZodObject, prefix: readonly string[] = []): PersonalField[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([name, field]) => {
    const { inner } = unwrapOptional(field);
    const path = [...prefix, name];
    if (isPersonal(inner)) return [{ path, each: inner instanceof z.ZodArray }];
    return inner instanceof z.ZodObject ? personalFieldsOf(inner, path) : [];
  });
}

/**
 * The topic form of a payload contract: every `personal(...)` field takes the envelope instead of
 * plaintext (arrays keep their bound, each item an envelope); the rest is unchanged. The Avro type
 * of a personal field stays `string`.
 */
export function sealedFormOf<S extends z.ZodObject>(schema: S): S {
  const shape = Object.fromEntries(
    Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
      const { inner, optional } = unwrapOptional(field);
      const sealed = isPersonal(inner)
        ? inner instanceof z.ZodArray
          ? z.array(sealedField).max(arrayBound(inner))
          : sealedField
        : inner instanceof z.ZodObject
          ? sealedFormOf(inner)
          : inner;
      return [name, optional ? sealed.optional() : sealed];
    }),
  );
  return z.object(shape) as unknown as S;
}

const arrayBound = (array: z.ZodArray): number => (array as unknown as { _zod: { bag: { maximum?: number } } })._zod.bag.maximum ?? 1000;

/** The topic form of every payload of a topic. */
export function sealedPayloadsOf<P extends Record<string, z.ZodObject>>(payloads: P): P {
  return Object.fromEntries(Object.entries(payloads).map(([type, schema]) => [type, sealedFormOf(schema)])) as P;
}
