import {
  activityTopicKeys,
  parsePostedEvent,
  payloadSchemaOf,
  topicKeyOfEventType,
  type ActivityEvent,
  type InboundTopicKey,
  type OutcomeEvent,
} from '@leadflow/schemas';

/** A validated event on its way to its topic. */
export type InboundRecord = ActivityEvent | OutcomeEvent;

export interface RejectedEvent {
  index: number;
  eventId?: string;
  errors: { path: string; message: string }[];
}

export interface ValidatedBatch {
  accepted: { index: number; record: InboundRecord; topicKey: InboundTopicKey }[];
  rejected: RejectedEvent[];
}

/**
 * Validates every posted event and turns the valid ones into topic records: event time as epoch
 * milliseconds, receive time and source stamped, an id assigned when the client gave none.
 */
export function validateBatch(
  events: unknown[],
  source: string,
  nowMs: number,
  newId: (index: number) => string,
  accepted: readonly InboundTopicKey[] = activityTopicKeys,
): ValidatedBatch {
  const batch: ValidatedBatch = { accepted: [], rejected: [] };
  events.forEach((input, index) => {
    const result = parsePostedEvent(input, nowMs, accepted);
    if (!result.success) {
      const eventId = (input as { eventId?: unknown } | null)?.eventId;
      batch.rejected.push({
        index,
        ...(typeof eventId === 'string' ? { eventId } : {}),
        errors: result.error.issues.map((i) => ({ path: i.path.join('.') || '(event)', message: i.message })),
      });
      return;
    }
    const posted = result.data;
    const topicKey = topicKeyOfEventType.get(posted.type);
    if (!topicKey) throw new TypeError(`validated type ${posted.type} has no topic`);
    const payload = payloadSchemaOf(topicKey, posted.type).parse(posted.payload ?? {}) as Record<string, unknown>;
    const identified = posted.type === 'lead_identified';
    const leadId = identified ? (payload.leadId as string) : posted.leadId;
    const anonymousId = identified ? (payload.anonymousId as string) : posted.anonymousId;
    const record = {
      eventId: posted.eventId ?? newId(index),
      type: posted.type,
      occurredAt: Date.parse(posted.occurredAt),
      receivedAt: nowMs,
      source,
      ...(leadId ? { leadId } : {}),
      ...(anonymousId ? { anonymousId } : {}),
      ...(posted.context ? { context: posted.context } : {}),
      payload,
    } as InboundRecord;
    batch.accepted.push({ index, record, topicKey });
  });
  return batch;
}
