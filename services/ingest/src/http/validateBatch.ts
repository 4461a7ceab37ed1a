import {
  activityTopicKeys,
  postedEventParser,
  type InboundTopicKey,
  type PostedEventResult,
} from '@leadflow/schemas';
import type { RoutedRecord } from '../kafka/RoutedRecord';

export interface RejectedEvent {
  index: number;
  /** `invalid` unless the key may not send it (`forbidden_event_type`, `forbidden_subject`). */
  code: 'invalid' | 'forbidden_event_type' | 'forbidden_subject';
  eventId?: string;
  errors: { path: string; message: string }[];
}

export type AcceptedEvent = RoutedRecord & {
  index: number;
  /** Whether the sender gave the event's id (else it was assigned). */
  clientEventId: boolean;
};

export interface ValidatedBatch {
  accepted: AcceptedEvent[];
  rejected: RejectedEvent[];
}

type Parser = (input: unknown, nowMs: number, maxAgeMs?: number) => PostedEventResult;
const parsers = new Map<readonly InboundTopicKey[], Parser>();

/** Parsers are built once per endpoint's topic list, not per event. */
function parserFor(accepted: readonly InboundTopicKey[]): Parser {
  let parser = parsers.get(accepted);
  if (!parser) parsers.set(accepted, (parser = postedEventParser(accepted)));
  return parser;
}

/**
 * Validates every posted event once and turns the valid ones into topic records: event time as
 * epoch milliseconds, receive time and source stamped, an id assigned when the client gave none.
 */
export function validateBatch(
  events: unknown[],
  source: string,
  nowMs: number,
  newId: (index: number) => string,
  accepted: readonly InboundTopicKey[] = activityTopicKeys,
  /** How old an event may be; older ones would be dead-lettered by scoring's horizon. */
  maxAgeMs?: number,
): ValidatedBatch {
  const parse = parserFor(accepted);
  const batch: ValidatedBatch = { accepted: [], rejected: [] };
  events.forEach((input, index) => {
    const result = parse(input, nowMs, maxAgeMs);
    if (!result.success) {
      const eventId = (input as { eventId?: unknown } | null)?.eventId;
      batch.rejected.push({
        index,
        code: 'invalid',
        ...(typeof eventId === 'string' ? { eventId } : {}),
        errors: result.error.issues.map((i) => ({ path: i.path.join('.') || '(event)', message: i.message })),
      });
      return;
    }
    const { topicKey, payload, ...posted } = result.data;
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
    };
    // The parser checked the payload against the schema of the event's type, which belongs to `topicKey`.
    const routed = { topicKey, record } as RoutedRecord;
    batch.accepted.push({ index, ...routed, clientEventId: posted.eventId !== undefined });
  });
  return batch;
}
