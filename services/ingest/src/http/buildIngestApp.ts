import { createHash } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { v5 as uuidv5 } from 'uuid';
import { isRetriable, type Codecs } from '@leadflow/kit';
import { activityTopicKeys, outcomeTopicKeys, type InboundTopicKey } from '@leadflow/schemas';
import { produceAccepted } from '../kafka/produceAccepted';
import { problem } from './problem';
import { validateBatch } from './validateBatch';
import { verifyWebhookSignature } from './verifyWebhookSignature';

export interface IngestAppOptions {
  producer: Producer;
  codecs: Codecs;
  apiKeys: Map<string, string>;
  /** Webhook secrets by source, for `POST /v1/outcomes`. */
  webhookSecrets: Map<string, string>;
  maxEvents: number;
  maxBodyBytes: number;
  logger: Logger;
  metrics: Registry;
  isReady: () => boolean;
  now?: () => number;
  newId?: () => string;
}

/** Namespace of ids given to webhook events that came without one: a replayed request gets the same ids. */
const WEBHOOK_ID_NAMESPACE = '5d0c7f4e-3b1a-4f7e-8d2c-6a9b0e1f2a3c';

/**
 * `POST /v1/events` (API key) and `POST /v1/outcomes` (signed CRM webhooks): one event, an array,
 * or `{ "events": [...] }`. Answers 202 when every event was acknowledged by Kafka, 207 with a
 * per-event report when some were refused (the valid ones are accepted), 400 when none was valid.
 * Never a silent drop.
 */
export function buildIngestApp(options: IngestAppOptions): FastifyInstance {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  // Request logs stay below warn: one line per request is noise at ingest rates; metrics count them.
  const httpLogger = options.logger.child({ component: 'http' }, { level: 'warn' }) as unknown as FastifyBaseLogger;
  const app: FastifyInstance = Fastify({ loggerInstance: httpLogger, bodyLimit: options.maxBodyBytes });
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(errorHandler(options));

  app.get('/health/live', async () => ({ status: 'up' }));
  app.get('/health/ready', async (_req, reply) => reply.code(options.isReady() ? 200 : 503).send({ ready: options.isReady() }));
  app.get('/metrics', async (_req, reply) =>
    reply.header('content-type', options.metrics.contentType).send(await options.metrics.metrics()),
  );

  const accept = async (reply: FastifyReply, body: unknown, source: string, topics: readonly InboundTopicKey[], idFor: (i: number) => string) => {
    const events = eventsOf(body);
    if (!events) return problem(reply, 400, 'invalid_body', 'send one event object, an array of events, or { "events": [...] }');
    if (events.length === 0) return problem(reply, 400, 'empty_batch', 'the batch holds no events');
    if (events.length > options.maxEvents) {
      return problem(reply, 413, 'too_many_events', `a request may hold at most ${options.maxEvents} events, got ${events.length}`);
    }
    const batch = validateBatch(events, source, now(), idFor, topics);
    if (batch.accepted.length === 0) return problem(reply, 400, 'invalid_events', 'no event was valid', { rejected: batch.rejected });
    await produceAccepted(options.producer, options.codecs, batch.accepted);
    const accepted = batch.accepted.map(({ index, record }) => ({ index, eventId: record.eventId }));
    return reply.code(batch.rejected.length === 0 ? 202 : 207).send({ accepted, rejected: batch.rejected });
  };

  app.post('/v1/events', async (request, reply) => {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string' || key.length === 0) {
      return problem(reply, 401, 'missing_api_key', 'send your API key in the x-api-key header');
    }
    const source = options.apiKeys.get(key);
    if (!source) return problem(reply, 401, 'invalid_api_key', 'the API key is not known');
    return accept(reply, request.body, source, activityTopicKeys, () => newId());
  });

  // Webhooks are verified over the exact bytes received, so their body is parsed only after that.
  app.register(async (webhooks) => {
    webhooks.removeContentTypeParser('application/json');
    webhooks.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    webhooks.post('/v1/outcomes', async (request, reply) => {
      const source = request.headers['x-leadflow-source'];
      const secret = typeof source === 'string' ? options.webhookSecrets.get(source) : undefined;
      if (!secret || typeof source !== 'string') {
        return problem(reply, 401, 'unknown_source', 'send the x-leadflow-source header naming a configured webhook source');
      }
      const raw = typeof request.body === 'string' ? request.body : '';
      const signature = request.headers['leadflow-signature'];
      const check = verifyWebhookSignature(typeof signature === 'string' ? signature : undefined, secret, raw, now());
      if (!check.ok) return problem(reply, 401, check.code, check.message);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch (error) {
        return problem(reply, 400, 'malformed_json', `the body is not valid JSON: ${(error as Error).message}`);
      }
      const digest = createHash('sha256').update(`${source}\n${raw}`).digest('hex');
      return accept(reply, body, source, outcomeTopicKeys, (i) => uuidv5(`${digest}/${i}`, WEBHOOK_ID_NAMESPACE));
    });
  });

  return app;
}

function errorHandler(options: IngestAppOptions) {
  return (error: FastifyError, _request: unknown, reply: FastifyReply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return problem(reply, 413, 'body_too_large', `request body exceeds ${options.maxBodyBytes} bytes`);
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return problem(reply, 415, 'unsupported_media_type', 'send events as application/json');
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return problem(reply, 400, 'empty_body', 'the request body is empty');
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return problem(reply, 400, 'malformed_json', `the body is not valid JSON: ${error.message}`);
    }
    if (error.statusCode && error.statusCode < 500) return problem(reply, error.statusCode, 'bad_request', error.message);
    options.logger.error({ err: error }, 'request failed');
    return isRetriable(error)
      ? problem(reply.header('retry-after', '1'), 503, 'unavailable', 'Kafka did not acknowledge the events; retry them')
      : problem(reply, 500, 'internal', 'unexpected error; nothing was acknowledged');
  };
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
