import { createHash } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { Codecs, SubjectKeyring } from '@leadflow/kit';
import { activityTopicKeys, openApiDocument, outcomeTopicKeys } from '@leadflow/schemas';
import { InflightBudget } from '../admission/InflightBudget';
import { RateLimiter } from '../admission/RateLimiter';
import type { CoalescingProducer } from '../kafka/CoalescingProducer';
import type { ApiKeyDirectory, ApiKeyGrant } from '../keys/ApiKeyDirectory';
import type { ContactLookup } from '../contact/LeadContact';
import { registerContactRoutes } from '../contact/contactRoutes';
import { registerErasureRoutes, type ErasureReceipt } from '../contact/erasureRoutes';
import { registerLinkRoutes } from '../links/linkRoutes';
import type { TrackedLinkStore } from '../links/TrackedLinkStore';
import { acceptEvents, type AcceptContext } from './acceptEvents';
import { admitRequest } from './admission';
import { answerPreflight, checkOrigin, corsHeaders } from './browserAccess';
import { IDEMPOTENCY_KEY, idsForRequest } from './eventIds';
import { IngestMetrics } from './IngestMetrics';
import { nameBasedUuid } from './nameBasedUuid';
import { problem } from './problem';
import { verifyWebhookSignatures } from './verifyWebhookSignature';

export interface IngestLimits {
  maxEvents: number;
  maxEventAgeMs: number;
  maxBodyBytes: number;
  ackTimeoutMs: number;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxInflightBytes: number;
  maxInflightEvents: number;
  ratePerKey: number;
  burstPerKey: number;
}

export interface IngestAppOptions {
  producer: CoalescingProducer;
  codecs: Codecs;
  keys: ApiKeyDirectory;
  /** Webhook secrets by source (one, or two while rotating), for `POST /v1/outcomes`. */
  webhookSecrets: Map<string, string[]>;
  limits: IngestLimits;
  kafka: { isReachable: boolean; reportFailure(): void };
  logger: Logger;
  metrics: Registry;
  /** Started and not stopping. */
  isStarted: () => boolean;
  /** Tracked links (`POST /v1/links`, `GET /l/<code>`). */
  links: TrackedLinkStore;
  /** Seals personal fields before they are produced. */
  keyring: SubjectKeyring;
  /** The CRM path: a handed-off lead's contact details, opened. */
  readContact: (leadId: string) => Promise<ContactLookup>;
  /** Erases a person (`POST /v1/erasures`). */
  eraseLead: (leadId: string) => Promise<ErasureReceipt>;
  now?: () => number;
}

/** Ids given to webhook events that came without one, in their own namespace: a replayed request gets the same ids. */
const webhookEventUuid = nameBasedUuid('5d0c7f4e-3b1a-4f7e-8d2c-6a9b0e1f2a3c');

/**
 * `POST /v1/events` (API key) and `POST /v1/outcomes` (signed CRM webhooks): one event, an array,
 * or `{ "events": [...] }`. Never a silent drop, never a hang: every request is answered within
 * its deadlines, 429/503 with `Retry-After` when ingest or Kafka cannot take it now.
 */
export function buildIngestApp(options: IngestAppOptions): FastifyInstance {
  const { limits } = options;
  const now = options.now ?? Date.now;
  // Request logs stay below warn: one line per request is noise at ingest rates; metrics count them.
  // For the same reason no request gets a child logger of its own (a pino child per request costs
  // as much as checking the API key); Fastify's own warnings and errors carry `component: http`.
  const httpLogger = options.logger.child({ component: 'http' }, { level: 'warn' }) as unknown as FastifyBaseLogger;
  const app: FastifyInstance = Fastify({
    loggerInstance: httpLogger,
    childLoggerFactory: (logger) => logger,
    bodyLimit: limits.maxBodyBytes,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    return503OnClosing: true,
  });
  app.server.headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  // Only JSON reaches a route (admission answers 415 first); one parser reads it, refusing prototype poisoning.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.setErrorHandler(errorHandler(options));

  const budget = new InflightBudget(limits.maxInflightBytes, limits.maxInflightEvents);
  const metrics = new IngestMetrics(options.metrics, budget);
  app.addHook('onResponse', async (request, reply) => {
    metrics.requests.inc({ route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
  });
  const context: AcceptContext = {
    codecs: options.codecs,
    producer: options.producer,
    budget,
    limiter: new RateLimiter(limits.ratePerKey, limits.burstPerKey),
    metrics,
    logger: options.logger,
    maxEvents: limits.maxEvents,
    ackTimeoutMs: limits.ackTimeoutMs,
    maxEventAgeMs: limits.maxEventAgeMs,
    now,
    reportKafkaFailure: () => options.kafka.reportFailure(),
    keyring: options.keyring,
  };
  const admit = admitRequest({ budget, maxBodyBytes: limits.maxBodyBytes, isKafkaReachable: () => options.kafka.isReachable });

  const ready = () => options.isStarted() && options.kafka.isReachable;
  app.get('/health/live', async () => ({ status: 'up' }));
  app.get('/health/ready', async (_req, reply) => reply.code(ready() ? 200 : 503).send({ ready: ready(), kafkaReachable: options.kafka.isReachable }));
  app.get('/metrics', async (_req, reply) =>
    reply.header('content-type', options.metrics.contentType).send(await options.metrics.metrics()),
  );

  const openApi = JSON.stringify(openApiDocument());
  app.get('/openapi.json', async (_req, reply) => reply.header('content-type', 'application/json').send(openApi));

  app.options('/v1/events', async (request, reply) => answerPreflight(options.keys, originOf(request), reply));
  app.post('/v1/events', { onRequest: [authenticate(options.keys), admit] }, async (request, reply) => {
    const grant = grants.get(request);
    if (!grant) throw new TypeError('authenticated request without its grant');
    const idempotencyKey = request.headers['idempotency-key'];
    if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey))) {
      return problem(reply, 400, 'invalid_idempotency_key', 'the Idempotency-Key header must be 1–255 visible ASCII characters');
    }
    return acceptEvents(context, request, reply, request.body, {
      source: grant.source,
      rateKey: grant.keyId,
      topics: activityTopicKeys,
      grant,
      idFor: idsForRequest(grant.source, idempotencyKey),
    });
  });

  registerLinkRoutes(app, {
    store: options.links,
    codecs: options.codecs,
    producer: options.producer,
    metrics,
    logger: options.logger,
    ackTimeoutMs: limits.ackTimeoutMs,
    now,
    guard: [authenticate(options.keys), admit],
    grantOf: (request) => grants.get(request),
  });

  registerContactRoutes(app, {
    readContact: options.readContact,
    logger: options.logger,
    guard: [authenticate(options.keys)],
    grantOf: (request) => grants.get(request),
  });

  registerErasureRoutes(app, {
    eraseLead: options.eraseLead,
    logger: options.logger,
    guard: [authenticate(options.keys)],
    grantOf: (request) => grants.get(request),
  });

  // Webhooks are verified over the exact bytes received, so their body is parsed only after that.
  app.register(async (webhooks) => {
    webhooks.removeAllContentTypeParsers();
    webhooks.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    webhooks.post('/v1/outcomes', { onRequest: admit }, async (request, reply) => {
      const source = request.headers['x-leadflow-source'];
      const secrets = typeof source === 'string' ? options.webhookSecrets.get(source) : undefined;
      if (!secrets || typeof source !== 'string') {
        return problem(reply, 401, 'unknown_source', 'send the x-leadflow-source header naming a configured webhook source');
      }
      const raw = typeof request.body === 'string' ? request.body : '';
      const signature = request.headers['leadflow-signature'];
      const check = verifyWebhookSignatures(typeof signature === 'string' ? signature : undefined, secrets, raw, now());
      if (!check.ok) return problem(reply, 401, check.code, check.message);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch (error) {
        return problem(reply, 400, 'malformed_json', `the body is not valid JSON: ${(error as Error).message}`);
      }
      const digest = createHash('sha256').update(`${source}\n${raw}`).digest('hex');
      return acceptEvents(context, request, reply, body, {
        source,
        rateKey: `webhook:${source}`,
        topics: outcomeTopicKeys,
        idFor: (i) => webhookEventUuid(`${digest}/${i}`),
      });
    });
  });

  return app;
}

const grants = new WeakMap<FastifyRequest, ApiKeyGrant>();

const originOf = (request: FastifyRequest): string | undefined => {
  const origin = request.headers.origin;
  return typeof origin === 'string' ? origin : undefined;
};

/** The API key, looked up by its hash; a publishable key only from the origins it names. */
function authenticate(keys: ApiKeyDirectory) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string' || key.length === 0) {
      return problem(reply, 401, 'missing_api_key', 'send your API key in the x-api-key header');
    }
    const grant = keys.lookup(key);
    if (!grant) return problem(reply, 401, 'invalid_api_key', 'the API key is not known');
    const origin = originOf(request);
    if (grant.kind === 'publishable' && origin && grant.origins.has(origin)) corsHeaders(reply, origin);
    const check = checkOrigin(grant, origin);
    if (!check.ok) return problem(reply, 403, check.code, check.message);
    grants.set(request, grant);
    return undefined;
  };
}

function errorHandler(options: IngestAppOptions) {
  return (error: FastifyError, _request: unknown, reply: FastifyReply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return problem(reply, 413, 'body_too_large', `request body exceeds ${options.limits.maxBodyBytes} bytes`);
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return problem(reply, 400, 'empty_body', 'the request body is empty');
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return problem(reply, 400, 'malformed_json', `the body is not valid JSON: ${error.message}`);
    }
    if (error.statusCode && error.statusCode < 500) return problem(reply, error.statusCode, 'bad_request', error.message);
    options.logger.error({ err: error }, 'request failed');
    return problem(reply, 500, 'internal', 'unexpected error; nothing was acknowledged');
  };
}
