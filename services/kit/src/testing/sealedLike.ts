import { payloadSchemaOf, personalFieldsOf, type InboundTopicKey } from '@leadflow/schemas';

/** An envelope-shaped stand-in for a personal value (the text readable inside for tests); it opens with no key. */
export const sealedLike = (text: string): string => `lf1.l.${Buffer.from(text).toString('base64url')}.1.AAAAAAAAAAAAAAAA.${'A'.repeat(22)}`;

/**
 * A validated inbound record with its personal fields in envelope form, for tests that produce to
 * topics directly instead of through ingest (which seals them for real).
 */
export function withSealedLikeFields<R extends { type: string; payload: unknown }>(topicKey: InboundTopicKey, record: R): R {
  const payload = structuredClone(record.payload) as Record<string, unknown>;
  for (const field of personalFieldsOf(payloadSchemaOf(topicKey, record.type))) {
    const parent = field.path.slice(0, -1).reduce<Record<string, unknown> | undefined>((node, name) => node?.[name] as Record<string, unknown> | undefined, payload);
    const last = field.path[field.path.length - 1] as string;
    const value = parent?.[last];
    if (!parent || value === undefined) continue;
    parent[last] = Array.isArray(value) ? value.map((v) => sealedLike(String(v))) : sealedLike(String(value));
  }
  return { ...record, payload };
}
