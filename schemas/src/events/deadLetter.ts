import { z } from 'zod';
import { timestampMillis } from './common';

/**
 * A record a consumer could not decode or apply, kept whole on `leads.dlq.v1` with the reason,
 * so it can be inspected and re-driven.
 */
export const deadLetter = z.object({
  originalTopic: z.string(),
  partition: z.int().min(0).max(2_147_483_647),
  offset: z.string(),
  key: z.base64().optional(),
  value: z.base64().optional(),
  headers: z.array(z.object({ key: z.string(), value: z.string() })),
  consumerGroup: z.string(),
  errorName: z.string(),
  reason: z.string(),
  retriable: z.boolean(),
  failedAt: timestampMillis,
});
export type DeadLetter = z.infer<typeof deadLetter>;
