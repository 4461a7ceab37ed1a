import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Codecs, SubjectKeyring } from '@leadflow/kit';
import type { InboundTopicKey } from '@leadflow/schemas';
import type { InflightBudget } from '../admission/InflightBudget';
import type { RateLimiter } from '../admission/RateLimiter';
import type { CoalescingProducer } from '../kafka/CoalescingProducer';
import { produceAccepted } from '../kafka/produceAccepted';
import { AckTimeoutError, withDeadline } from '../kafka/withDeadline';
import type { ApiKeyGrant } from '../keys/ApiKeyDirectory';
import { sealPersonalFields } from '../privacy/sealPersonalFields';
import { authorizeBatch } from './authorizeBatch';
import { holds } from './admission';
import { sourceScopedEventId } from './eventIds';
import type { IngestMetrics } from './IngestMetrics';
import { problem } from './problem';
import { validateBatch, type ValidatedBatch } from './validateBatch';

export interface AcceptContext {
  codecs: Codecs;
  producer: CoalescingProducer;
  budget: InflightBudget;
  limiter: RateLimiter;
  metrics: IngestMetrics;
  logger: Logger;
  maxEvents: number;
  ackTimeoutMs: number;
  maxEventAgeMs: number;
  now: () => number;
  reportKafkaFailure: () => void;
  /** The data keys that seal personal fields before they reach Kafka. */
  keyring: SubjectKeyring;
}

/** Who sent a request and what it may send. */
export interface Sender {
  source: string;
  /** The bucket the request's events are counted against. */
  rateKey: string;
  topics: readonly InboundTopicKey[];
  grant?: ApiKeyGrant;
  idFor: (index: number) => string;
}

/**
 * The path every posted batch takes: its shape and size, the sender's rate, room in flight,
 * validation, the key's scopes, then Kafka within the acknowledgement deadline. 202 when every event
 * was acknowledged, 207 with a per-event report when some were refused, 400/403 when none was valid.
 */
export async function acceptEvents(context: AcceptContext, request: FastifyRequest, reply: FastifyReply, body: unknown, sender: Sender) {
  const events = eventsOf(body);
  if (!events) return problem(reply, 400, 'invalid_body', 'send one event object, an array of events, or { "events": [...] }');
  if (events.length === 0) return problem(reply, 400, 'empty_batch', 'the batch holds no events');
  if (events.length > context.maxEvents) {
    return problem(reply, 413, 'too_many_events', `a request may hold at most ${context.maxEvents} events, got ${events.length}`);
  }
  const rate = context.limiter.take(sender.rateKey, events.length, context.now());
  if (!rate.allowed) {
    refused(context, sender.source, 'rate_limited', events.length);
    return problem(reply.header('retry-after', String(Math.max(1, Math.ceil(rate.retryAfterMs / 1000)))), 429, 'rate_limited', 'this key sends more events than its rate allows; retry later');
  }
  const reservation = context.budget.reserve(0, events.length);
  if (!reservation) {
    refused(context, sender.source, 'overloaded', events.length);
    return problem(reply.header('retry-after', '1'), 503, 'overloaded', 'ingest holds as many events as it may; nothing was accepted, retry shortly');
  }
  holds(request).reservations.push(reservation);

  const batch = scopeIds(authorized(validateBatch(events, sender.source, context.now(), sender.idFor, sender.topics, context.maxEventAgeMs), sender.grant), sender.source);
  for (const rejected of batch.rejected) refused(context, sender.source, rejected.code, 1);
  if (batch.accepted.length === 0) {
    const forbidden = batch.rejected.every((r) => r.code !== 'invalid');
    return forbidden
      ? problem(reply, 403, batch.rejected[0]?.code ?? 'forbidden_event_type', 'this key may send none of these events', { rejected: batch.rejected })
      : problem(reply, 400, 'invalid_events', 'no event was valid', { rejected: batch.rejected });
  }

  try {
    await sealPersonalFields(context.keyring, batch.accepted, context.ackTimeoutMs);
  } catch (error) {
    refused(context, sender.source, 'keys_unavailable', batch.accepted.length);
    context.logger.warn({ err: error, events: batch.accepted.length }, 'keys sealing personal fields unavailable');
    return problem(reply.header('retry-after', '2'), 503, 'keys_unavailable', 'the keys that seal personal data are unavailable; nothing was accepted, retry shortly');
  }
  const sending = produceAccepted(context.producer, context.codecs, batch.accepted);
  holds(request).work.push(sending);
  try {
    await withDeadline(sending, context.ackTimeoutMs);
  } catch (error) {
    // Whatever failed, nothing was acknowledged, so the client may retry: 503, never 500. A programming
    // error (kafkajs throws TypeErrors while a broker restarts, too) is logged as an error and counted.
    const unexpected = error instanceof TypeError || error instanceof RangeError;
    const kind = error instanceof AckTimeoutError ? 'ack_timeout' : unexpected ? 'unexpected' : 'send_failed';
    context.metrics.producerErrors.inc({ service: 'ingest', kind });
    refused(context, sender.source, kind, batch.accepted.length);
    context.reportKafkaFailure();
    if (unexpected) context.logger.error({ err: error, events: batch.accepted.length }, 'sending to Kafka failed unexpectedly');
    else context.logger.warn({ err: error, events: batch.accepted.length }, 'events not acknowledged by Kafka');
    return problem(
      reply.header('retry-after', '2'),
      503,
      'kafka_unavailable',
      'Kafka did not acknowledge the events in time; none is claimed accepted. Retry with the same eventIds or Idempotency-Key, so nothing is counted twice',
    );
  }
  context.metrics.events.inc({ source: sender.source, outcome: 'accepted', reason: '' }, batch.accepted.length);
  const accepted = batch.accepted.map(({ index, record }) => ({ index, eventId: record.eventId }));
  return reply.code(batch.rejected.length === 0 ? 202 : 207).send({ accepted, rejected: batch.rejected });
}

const authorized = (batch: ValidatedBatch, grant: ApiKeyGrant | undefined) => (grant ? authorizeBatch(batch, grant) : batch);

function scopeIds(batch: ValidatedBatch, source: string): ValidatedBatch {
  for (const event of batch.accepted) {
    if (event.clientEventId) event.record.eventId = sourceScopedEventId(source, event.record.eventId);
  }
  return batch;
}

function refused(context: AcceptContext, source: string, reason: string, count: number) {
  context.metrics.events.inc({ source, outcome: 'refused', reason }, count);
}

function eventsOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') {
    const events = (body as { events?: unknown }).events;
    if (Array.isArray(events)) return events;
    if (events === undefined) return [body];
  }
  return undefined;
}
