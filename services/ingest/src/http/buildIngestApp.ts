import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { Codecs } from '@leadflow/kit';
import { isRetriable } from '@leadflow/kit';
import { produceAccepted } from '../kafka/produceAccepted';
import { validateBatch } from './validateBatch';

export interface IngestAppOptions {
  producer: Producer;
  codecs: Codecs;
  apiKeys: Map<string, string>;
  maxEvents: number;
  maxBodyBytes: number;
  logger: Logger;
  metrics: Registry;
  isReady: () => boolean;
  now?: () => number;
  newId?: () => string;
}

const problem = (reply: FastifyReply, status: number, code: string, message: string, details?: unknown) =>
  reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });

/**
 * `POST /v1/events`: one event, an array, or `{ "events": [...] }`. Answers 202 when every event was
 * acknowledged by Kafka, 207 with a per-event report when some were refused (the valid ones are
 * accepted), 400 when none was valid. Never a silent drop.
 */
export function buildIngestApp(options: IngestAppOptions): FastifyInstance {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  // Request logs stay below warn: one line per request is noise at ingest rates; metrics count them.
  const httpLogger = options.logger.child({ component: 'http' }, { level: 'warn' }) as unknown as FastifyBaseLogger;
  const app: FastifyInstance = Fastify({ loggerInstance: httpLogger, bodyLimit: options.maxBodyBytes });
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error: FastifyError, _request, reply) => {
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
  });

  app.get('/health/live', async () => ({ status: 'up' }));
  app.get('/health/ready', async (_req, reply) => reply.code(options.isReady() ? 200 : 503).send({ ready: options.isReady() }));
  app.get('/metrics', async (_req, reply) =>
    reply.header('content-type', options.metrics.contentType).send(await options.metrics.metrics()),
  );

  app.post('/v1/events', async (request, reply) => {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string' || key.length === 0) {
      return problem(reply, 401, 'missing_api_key', 'send your API key in the x-api-key header');
    }
    const source = options.apiKeys.get(key);
    if (!source) return problem(reply, 401, 'invalid_api_key', 'the API key is not known');
    const events = eventsOf(request.body);
    if (!events) {
      return problem(reply, 400, 'invalid_body', 'send one event object, an array of events, or { "events": [...] }');
    }
    if (events.length === 0) return problem(reply, 400, 'empty_batch', 'the batch holds no events');
    if (events.length > options.maxEvents) {
      return problem(reply, 413, 'too_many_events', `a request may hold at most ${options.maxEvents} events, got ${events.length}`);
    }
    const batch = validateBatch(events, source, now(), newId);
    if (batch.accepted.length === 0) {
      return problem(reply, 400, 'invalid_events', 'no event was valid', { rejected: batch.rejected });
    }
    await produceAccepted(options.producer, options.codecs, batch.accepted);
    const accepted = batch.accepted.map(({ index, record }) => ({ index, eventId: record.eventId }));
    return reply.code(batch.rejected.length === 0 ? 202 : 207).send({ accepted, rejected: batch.rejected });
  });

  return app;
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
