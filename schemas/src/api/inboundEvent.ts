import { z } from 'zod';
import { eventContext, eventId, subjectId } from '../events/common';
import { topics } from '../topics';

/** An event as a client posts it to `POST /v1/events`. */
const inboundTopics = [topics.engagement, topics.conversation, topics.identity] as const;

/** The topic each client event type goes to. */
export const topicOfEventType: ReadonlyMap<string, (typeof inboundTopics)[number]> = new Map(
  inboundTopics.flatMap((topic) => Object.keys(topic.payloads).map((type) => [type, topic] as const)),
);

export const acceptedEventTypes = [...topicOfEventType.keys()];

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
 */
export function parsePostedEvent(input: unknown, nowMs: number) {
  return postedEnvelope
    .superRefine((event, ctx) => {
      const topic = topicOfEventType.get(event.type);
      if (!topic) {
        ctx.addIssue({ code: 'custom', path: ['type'], message: `unknown event type; expected one of ${acceptedEventTypes.join(', ')}` });
        return;
      }
      const payloadSchema = topic.payloads[event.type as keyof typeof topic.payloads] as z.ZodObject;
      const payload = payloadSchema.safeParse(event.payload ?? {});
      if (!payload.success) {
        for (const issue of payload.error.issues) ctx.addIssue({ ...issue, path: ['payload', ...issue.path] } as never);
      }
      if (event.type === 'lead_identified') {
        if (event.leadId && payload.success && (payload.data as { leadId: string }).leadId !== event.leadId) {
          ctx.addIssue({ code: 'custom', path: ['leadId'], message: 'must equal payload.leadId' });
        }
      } else if (!event.leadId && !event.anonymousId) {
        ctx.addIssue({ code: 'custom', path: ['leadId'], message: 'either leadId or anonymousId is required' });
      }
      if (Date.parse(event.occurredAt) > nowMs + MAX_FUTURE_SKEW_MS) {
        ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'lies more than 5 minutes in the future' });
      }
    })
    .safeParse(input);
}
