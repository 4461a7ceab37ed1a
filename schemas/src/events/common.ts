import { z } from 'zod';
import { text } from './text';

/** Epoch milliseconds; Avro `long` with the `timestamp-millis` logical type. */
export const timestampMillis = z.int().min(0).meta({ avroLogicalType: 'timestamp-millis' });

export const eventId = z.uuid();

/** The largest amount of money a contract takes: its cents stay exact in a JavaScript number. */
const MAX_MONEY = 10_000_000_000_000;

/**
 * An amount of money in major units (euros, dollars) with at most two decimals. On Avro it is a
 * `decimal(18, 2)` (`bytes`), which every Avro client reads exactly, never a binary fraction.
 */
export const money = z
  .number()
  .min(0)
  .max(MAX_MONEY)
  .multipleOf(0.01, 'must have at most two decimals')
  .meta({ avroLogicalType: 'decimal', avroPrecision: 18 });

/** Ids of leads and visitors: opaque, bounded, printable. */
export const subjectId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@+-]+$/, 'may contain only letters, digits and . _ : @ + -');

const shortText = text({ max: 256 });

/** Attribution and device context carried by inbound events. */
export const eventContext = z.object({
  campaignId: shortText.optional(),
  linkId: shortText.optional(),
  utmSource: shortText.optional(),
  utmMedium: shortText.optional(),
  utmCampaign: shortText.optional(),
  utmContent: shortText.optional(),
  utmTerm: shortText.optional(),
  variant: shortText.optional(),
  sessionId: shortText.optional(),
  userAgent: text({ max: 1024 }).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE')
    .optional(),
});
export type EventContext = z.infer<typeof eventContext>;

/** Fields every inbound event carries on Kafka, next to its `type` and `payload`. */
export const inboundEnvelope = {
  eventId,
  occurredAt: timestampMillis,
  receivedAt: timestampMillis,
  source: text({ min: 1, max: 128 }),
  leadId: subjectId.optional(),
  anonymousId: subjectId.optional(),
  context: eventContext.optional(),
};
