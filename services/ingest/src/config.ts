import { z } from 'zod';
import { commonConfig, portSchema } from '@leadflow/kit';

/** Plaintext `key:source` pairs for local runs and tests; production keys live hashed in INGEST_KEYS_FILE. */
const apiKeys = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const map = new Map<string, string>();
    for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const parts = pair.split(':');
      const [key, source] = parts;
      if (parts.length !== 2 || !key || !source || key.length < 12) {
        const shown = key ? `${key.slice(0, 4)}…` : '(empty)';
        ctx.addIssue({ code: 'custom', message: `the pair starting ${shown} is not key:source with one ':' and a key of at least 12 characters` });
        return z.NEVER;
      }
      map.set(key, source);
    }
    return map;
  });

/**
 * `source:secret` pairs for signed webhooks; a source may appear twice, so a new secret can be
 * rolled out while senders still sign with the old one.
 */
const webhookSecrets = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const map = new Map<string, string[]>();
    for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const at = pair.indexOf(':');
      const source = pair.slice(0, at);
      const secret = pair.slice(at + 1);
      if (at < 1 || secret.length < 16) {
        ctx.addIssue({ code: 'custom', message: `"${source || '(no source)'}" is not source:secret with a secret of at least 16 characters` });
        return z.NEVER;
      }
      const secrets = map.get(source) ?? [];
      if (secrets.length === 2) {
        ctx.addIssue({ code: 'custom', message: `"${source}" has more than two secrets; keep the current one and the one being replaced` });
        return z.NEVER;
      }
      map.set(source, [...secrets, secret]);
    }
    return map;
  });

const millis = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const ingestConfigSchema = z
  .object({
    ...commonConfig,
    INGEST_PORT: portSchema.default(18080),
    INGEST_API_KEYS: apiKeys,
    INGEST_KEYS_FILE: z.string().default(''),
    INGEST_WEBHOOK_SECRETS: webhookSecrets,
    INGEST_MAX_EVENTS_PER_REQUEST: z.coerce.number().int().min(1).max(10_000).default(500),
    INGEST_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
    /** Older events are refused at the door: keep it at most the scoring model's `maxEventAgeDays`, which dead-letters them. */
    INGEST_MAX_EVENT_AGE_DAYS: z.coerce.number().positive().default(365),
    /** How long a request waits for Kafka's acknowledgement before it is answered 503. */
    INGEST_ACK_TIMEOUT_MS: millis(100, 60_000, 2000),
    INGEST_REQUEST_TIMEOUT_MS: millis(1000, 300_000, 10_000),
    INGEST_HEADERS_TIMEOUT_MS: millis(1000, 300_000, 5000),
    INGEST_KEEP_ALIVE_TIMEOUT_MS: millis(100, 300_000, 5000),
    /** Request bytes held at once (bodies read, or sent to Kafka and not yet acknowledged). */
    INGEST_MAX_INFLIGHT_BYTES: z.coerce.number().int().min(1024).default(16 * 1024 * 1024),
    INGEST_MAX_INFLIGHT_EVENTS: z.coerce.number().int().min(1).default(50_000),
    /** Per API key: sustained events per second, and the burst a key may send at once. */
    INGEST_RATE_PER_KEY: z.coerce.number().min(1).default(20_000),
    INGEST_BURST_PER_KEY: z.coerce.number().int().min(1).default(40_000),
    /** How long coalesced sends wait for more requests before going to Kafka. */
    INGEST_LINGER_MS: millis(0, 100, 2),
    /** Processes sharing the listening socket (node:cluster); the budgets and per-key rates are split between them. */
    INGEST_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  })
  .refine((c) => c.INGEST_MAX_BODY_BYTES >= c.INGEST_MAX_EVENTS_PER_REQUEST * 64, {
    message: 'INGEST_MAX_BODY_BYTES is too small to hold INGEST_MAX_EVENTS_PER_REQUEST events of 64 bytes',
    path: ['INGEST_MAX_BODY_BYTES'],
  })
  .refine((c) => c.INGEST_MAX_INFLIGHT_BYTES >= c.INGEST_MAX_BODY_BYTES, {
    message: 'INGEST_MAX_INFLIGHT_BYTES must hold at least one request of INGEST_MAX_BODY_BYTES',
    path: ['INGEST_MAX_INFLIGHT_BYTES'],
  })
  .refine((c) => c.INGEST_MAX_INFLIGHT_EVENTS >= c.INGEST_MAX_EVENTS_PER_REQUEST, {
    message: 'INGEST_MAX_INFLIGHT_EVENTS must hold at least one request of INGEST_MAX_EVENTS_PER_REQUEST',
    path: ['INGEST_MAX_INFLIGHT_EVENTS'],
  })
  .refine((c) => c.INGEST_BURST_PER_KEY >= c.INGEST_MAX_EVENTS_PER_REQUEST, {
    message: 'INGEST_BURST_PER_KEY must allow at least one full request of INGEST_MAX_EVENTS_PER_REQUEST',
    path: ['INGEST_BURST_PER_KEY'],
  });
export type IngestConfig = z.infer<typeof ingestConfigSchema>;
