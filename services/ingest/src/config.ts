import { z } from 'zod';
import { commonConfig, portSchema } from '@leadflow/kit';

/** `key:source` pairs; the source names the integration that sent an event. */
const apiKeys = z
  .string()
  .default('demo-key:demo')
  .transform((value, ctx) => {
    const map = new Map<string, string>();
    for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [key, source] = pair.split(':');
      if (!key || !source || key.length < 8) {
        ctx.addIssue({ code: 'custom', message: `"${pair}" is not key:source with a key of at least 8 characters` });
        return z.NEVER;
      }
      map.set(key, source);
    }
    return map;
  });

/** `source:secret` pairs for signed webhooks; the source names the CRM integration. */
const webhookSecrets = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const map = new Map<string, string>();
    for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const at = pair.indexOf(':');
      const source = pair.slice(0, at);
      const secret = pair.slice(at + 1);
      if (at < 1 || secret.length < 16) {
        ctx.addIssue({ code: 'custom', message: `"${source || '(no source)'}" is not source:secret with a secret of at least 16 characters` });
        return z.NEVER;
      }
      map.set(source, secret);
    }
    return map;
  });

export const ingestConfigSchema = z
  .object({
    ...commonConfig,
    INGEST_PORT: portSchema.default(18080),
    INGEST_API_KEYS: apiKeys,
    INGEST_WEBHOOK_SECRETS: webhookSecrets,
    INGEST_MAX_EVENTS_PER_REQUEST: z.coerce.number().int().min(1).max(10_000).default(500),
    INGEST_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  })
  .refine((c) => c.INGEST_MAX_BODY_BYTES >= c.INGEST_MAX_EVENTS_PER_REQUEST * 64, {
    message: 'INGEST_MAX_BODY_BYTES is too small to hold INGEST_MAX_EVENTS_PER_REQUEST events of 64 bytes',
    path: ['INGEST_MAX_BODY_BYTES'],
  });
export type IngestConfig = z.infer<typeof ingestConfigSchema>;
