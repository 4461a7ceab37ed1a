import { z } from 'zod';
import { eventContext, eventId, subjectId } from '../events/common';
import { conversationPayloads } from '../events/conversation';
import { engagementPayloads } from '../events/engagement';
import { identityPayloads } from '../events/identity';
import { outcomePayloads } from '../events/outcome';
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

/** Lead and visitor ids travel in every record and log line: an e-mail address there would leak in clear. */
const EMAIL_LIKE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const postedSubjectId = subjectId.refine((id) => !EMAIL_LIKE.test(id), {
  message: 'looks like an e-mail address; use an opaque id (send the address in lead_identified.payload.email)',
});

/** Event time as sent: ISO-8601 with an offset, within what the topics' epoch-millisecond field holds. */
const postedTime = z.iso.datetime({ offset: true }).refine((iso) => !(Date.parse(iso) < 0), {
  message: 'lies before 1970-01-01T00:00:00Z; event times are epoch milliseconds',
});

const postedEnvelope = z.object({
  eventId: eventId.optional(),
  type: z.string(),
  occurredAt: postedTime,
  leadId: postedSubjectId.optional(),
  anonymousId: postedSubjectId.optional(),
  context: eventContext.optional(),
  payload: z.unknown().optional(),
});
export type PostedEvent = z.infer<typeof postedEnvelope>;

/** A posted event checked in full: its topic known, its payload parsed by that type's contract. */
export type ParsedPostedEvent = Omit<PostedEvent, 'payload'> & { topicKey: InboundTopicKey; payload: Record<string, unknown> };

export interface PostedEventIssue {
  path: (string | number)[];
  message: string;
}

export type PostedEventResult =
  | { success: true; data: ParsedPostedEvent; error?: undefined }
  | { success: false; data?: undefined; error: { issues: PostedEventIssue[] } };

/**
 * A validator of posted events for the endpoint taking `accepted` topics. Every schema it uses is
 * built once, here, and each event is parsed once: the envelope, then its type's payload, then the
 * rules that span fields (a subject is required; event time may not lie in the future beyond the
 * allowed skew).
 */
export function postedEventParser(
  accepted: readonly InboundTopicKey[] = activityTopicKeys,
): (input: unknown, nowMs: number, maxAgeMs?: number) => PostedEventResult {
  const types = [...topicKeyOfEventType].filter(([, key]) => accepted.includes(key)).map(([type]) => type);
  const unknownType = `unknown event type; expected one of ${types.join(', ')}`;
  return (input, nowMs, maxAgeMs) => {
    const envelope = postedEnvelope.safeParse(input);
    const issues: PostedEventIssue[] = envelope.success ? [] : envelope.error.issues.map(({ path, message }) => ({ path: path as (string | number)[], message }));
    const type = envelope.success ? envelope.data.type : (input as { type?: unknown } | null)?.type;
    const key = typeof type === 'string' ? topicKeyOfEventType.get(type) : undefined;
    if (!key || !accepted.includes(key)) {
      if (!issues.some((issue) => issue.path[0] === 'type')) issues.push({ path: ['type'], message: unknownType });
      return { success: false, error: { issues } };
    }
    const rawPayload = (input as { payload?: unknown }).payload ?? {};
    const payload = payloadSchemaOf(key, type as string).safeParse(rawPayload);
    if (!payload.success) issues.push(...payload.error.issues.map(({ path, message }) => ({ path: ['payload', ...(path as (string | number)[])], message })));
    if (!envelope.success || !payload.success) return { success: false, error: { issues } };
    const event = { ...envelope.data, topicKey: key, payload: payload.data as Record<string, unknown> };
    issues.push(...crossFieldIssues(event, nowMs, maxAgeMs));
    return issues.length === 0 ? { success: true, data: event } : { success: false, error: { issues } };
  };
}

function crossFieldIssues(event: ParsedPostedEvent, nowMs: number, maxAgeMs: number | undefined): PostedEventIssue[] {
  const issues: PostedEventIssue[] = [];
  if (event.type === 'lead_identified') {
    const identified = event.payload as { leadId: string; anonymousId: string };
    if (event.leadId && identified.leadId !== event.leadId) issues.push({ path: ['leadId'], message: 'must equal payload.leadId' });
    for (const field of ['leadId', 'anonymousId'] as const) {
      if (EMAIL_LIKE.test(identified[field])) issues.push({ path: ['payload', field], message: 'looks like an e-mail address; use an opaque id' });
    }
  } else if (event.topicKey === 'outcome' && !SUBJECTLESS_TYPES.has(event.type) && !event.leadId) {
    issues.push({ path: ['leadId'], message: 'leadId is required for a sales outcome' });
  } else if (event.topicKey !== 'outcome' && !event.leadId && !event.anonymousId) {
    issues.push({ path: ['leadId'], message: 'either leadId or anonymousId is required' });
  }
  const occurredAt = Date.parse(event.occurredAt);
  if (occurredAt > nowMs + MAX_FUTURE_SKEW_MS) {
    issues.push({ path: ['occurredAt'], message: 'lies more than 5 minutes in the future' });
  }
  if (maxAgeMs !== undefined && occurredAt < nowMs - maxAgeMs) {
    issues.push({ path: ['occurredAt'], message: `lies more than ${Math.round(maxAgeMs / 86_400_000)} days in the past, beyond what scoring takes` });
  }
  return issues;
}

const activityParser = postedEventParser(activityTopicKeys);

/** Validates one posted activity event (see `postedEventParser`). */
export const parsePostedEvent = (input: unknown, nowMs: number): PostedEventResult => activityParser(input, nowMs);

/** What clients post, by topic: personal fields in plaintext, checked by today's rules before ingest seals them. */
const postedPayloads: Record<InboundTopicKey, Record<string, z.ZodObject>> = {
  engagement: engagementPayloads,
  conversation: conversationPayloads,
  identity: identityPayloads,
  outcome: outcomePayloads,
};

/** The zod schema of an inbound event type's payload, as posted. */
export function payloadSchemaOf(key: InboundTopicKey, type: string): z.ZodObject {
  return postedPayloads[key][type] as z.ZodObject;
}
