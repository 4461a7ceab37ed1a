import { z } from 'zod';
import { timestampMillis } from './common';

/** Bytes kept exactly as they were read; Avro `bytes`. */
const rawBytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'must be bytes').meta({ avroType: 'bytes' });

/**
 * A record a consumer could not decode or apply, kept whole on the dead-letter topic with the
 * reason, so it can be inspected and re-driven: its key and value are the original bytes.
 */
export const deadLetter = z.object({
  originalTopic: z.string(),
  partition: z.int().min(0).max(2_147_483_647),
  offset: z.int().min(0),
  key: rawBytes.optional(),
  value: rawBytes.optional(),
  headers: z.array(z.object({ key: z.string(), value: z.string() })),
  consumerGroup: z.string(),
  errorName: z.string(),
  reason: z.string(),
  retriable: z.boolean(),
  failedAt: timestampMillis,
});
export type DeadLetter = z.infer<typeof deadLetter>;
