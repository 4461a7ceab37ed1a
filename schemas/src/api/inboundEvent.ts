import { z } from 'zod';
import { eventContext, eventId, subjectId } from '../events/common';
import { topics } from '../topics';

/** The topics clients post to: activity through `POST /v1/events`, CRM outcomes through `POST /v1/outcomes`. */
export const activityTopicKeys = ['engagement', 'conversation', 'identity'] as const;
export const outcomeTopicKeys = ['outcome'] as const;
export type InboundTopicKey = (typeof activityTopicKeys)[number] | (typeof outcomeTopicKeys)[number];

/** The topic each client event type goes to. */
export const topicKeyOfEventType: ReadonlyMap<string, InboundTopicKey> = new Map(
  [...activityTopicKeys, ...outcomeTopicKeys].flatMap((key) =>
    Object.keys(topics[key].payloads).map((type) => [type, key] as const),
  ),
);

/** Event types that concern no lead or visitor. */
const SUBJECTLESS_TYPES = new Set(['campaign_cost_recorded']);

/** Anything beyond this in the future is a clock problem on the sender's side, not an event. */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

const postedEnvelope = z.object({
  eventId: eventId.optional(),
  type: z.string(),
  occurredAt: z.iso.datetime({ offset: true }),
  leadId: subjectId.optional(),
  anonymousId: subjectId.optional(),
  context: eventContext.optional(),
  payload: z.unknown().optional(),
});
export type PostedEvent = z.infer<typeof postedEnvelope>;

/**
 * Validates a posted event against its type's payload, then checks the rules that span fields:
 * a subject is required, and event time may not lie in the future beyond the allowed skew.
 * `accepted` lists the topics this endpoint takes.
 */
export function parsePostedEvent(input: unknown, nowMs: number, accepted: readonly InboundTopicKey[] = activityTopicKeys) {
  const types = [...topicKeyOfEventType].filter(([, key]) => accepted.includes(key)).map(([type]) => type);
  return postedEnvelope
    .superRefine((event, ctx) => {
      const key = topicKeyOfEventType.get(event.type);
      if (!key || !accepted.includes(key)) {
        ctx.addIssue({ code: 'custom', path: ['type'], message: `unknown event type; expected one of ${types.join(', ')}` });
        return;
      }
      const payloadSchema = payloadSchemaOf(key, event.type);
      const payload = payloadSchema.safeParse(event.payload ?? {});
      if (!payload.success) {
        for (const issue of payload.error.issues) ctx.addIssue({ ...issue, path: ['payload', ...issue.path] } as never);
      }
      if (event.type === 'lead_identified') {
        if (event.leadId && payload.success && (payload.data as { leadId: string }).leadId !== event.leadId) {
          ctx.addIssue({ code: 'custom', path: ['leadId'], message: 'must equal payload.leadId' });
        }
      } else if (key === 'outcome' && !SUBJECTLESS_TYPES.has(event.type) && !event.leadId) {
        ctx.addIssue({ code: 'custom', path: ['leadId'], message: 'leadId is required for a sales outcome' });
      } else if (key !== 'outcome' && !event.leadId && !event.anonymousId) {
        ctx.addIssue({ code: 'custom', path: ['leadId'], message: 'either leadId or anonymousId is required' });
      }
      if (Date.parse(event.occurredAt) > nowMs + MAX_FUTURE_SKEW_MS) {
        ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'lies more than 5 minutes in the future' });
      }
    })
    .safeParse(input);
}

/** The zod schema of an inbound event type's payload. */
export function payloadSchemaOf(key: InboundTopicKey, type: string): z.ZodObject {
  return (topics[key].payloads as Record<string, z.ZodObject>)[type] as z.ZodObject;
}
