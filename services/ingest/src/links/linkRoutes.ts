import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Logger } from 'pino';
import type { Codecs } from '@leadflow/kit';
import { trackedLinkRequest } from '@leadflow/schemas';
import type { CoalescingProducer } from '../kafka/CoalescingProducer';
import { withDeadline } from '../kafka/withDeadline';
import type { ApiKeyGrant } from '../keys/ApiKeyDirectory';
import type { IngestMetrics } from '../http/IngestMetrics';
import { problem } from '../http/problem';
import { linkOpened, VISITOR_COOKIE, visitorIdFrom } from './linkOpened';
import type { TrackedLinkStore } from './TrackedLinkStore';

export interface LinkRoutesOptions {
  store: TrackedLinkStore;
  codecs: Codecs;
  producer: CoalescingProducer;
  metrics: IngestMetrics;
  logger: Logger;
  ackTimeoutMs: number;
  now: () => number;
  /** Runs before a link is created: key, media type, admission. */
  guard: onRequestHookHandler[];
  grantOf: (request: FastifyRequest) => ApiKeyGrant | undefined;
}

const CODE = /^[A-Za-z0-9]{8}$/;
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * `POST /v1/links` creates a tracked link (secret keys only); `GET /l/<code>` redirects to its
 * target and emits `link_opened` with the link's attribution and the visitor's cookie id. The
 * visitor is redirected even when Kafka is slow: a click is not held hostage to the pipeline.
 */
export function registerLinkRoutes(app: FastifyInstance, options: LinkRoutesOptions): void {
  app.post('/v1/links', { onRequest: options.guard }, async (request, reply) => {
    const grant = options.grantOf(request);
    if (grant?.kind !== 'secret') return problem(reply, 403, 'secret_key_required', 'tracked links are created with a secret key');
    const parsed = trackedLinkRequest.safeParse(request.body);
    if (!parsed.success) {
      return problem(reply, 400, 'invalid_link', 'the link is not valid', { errors: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })) });
    }
    const link = await options.store.create(parsed.data, grant.keyId);
    return reply.code(201).send({ ...link, url: `${request.protocol}://${request.headers.host ?? request.hostname}/l/${link.code}` });
  });

  app.get<{ Params: { code: string } }>('/l/:code', async (request, reply) => {
    const { code } = request.params;
    const link = CODE.test(code) ? await options.store.find(code) : undefined;
    if (!link) return problem(reply, 404, 'unknown_link', 'no tracked link has this code');
    const known = visitorIdFrom(request.headers.cookie);
    const visitorId = known ?? `v-${crypto.randomUUID()}`;
    await emitOpened(options, linkOpened(link, visitorId, crypto.randomUUID(), options.now()));
    if (!known) reply.header('set-cookie', `${VISITOR_COOKIE}=${visitorId}; Max-Age=${YEAR_SECONDS}; Path=/; HttpOnly; SameSite=Lax`);
    return redirect(reply, link.targetUrl);
  });
}

const redirect = (reply: FastifyReply, target: string) => reply.code(302).header('location', target).header('cache-control', 'no-store').send();

async function emitOpened(options: LinkRoutesOptions, event: ReturnType<typeof linkOpened>): Promise<void> {
  const codec = options.codecs.engagement;
  try {
    const value = await codec.encode(event);
    await withDeadline(options.producer.send([{ topic: codec.topicName, messages: [{ key: codec.keyOf(event), value, headers: { 'leadflow-event-id': event.eventId } }] }]), options.ackTimeoutMs);
    options.metrics.events.inc({ source: 'links', outcome: 'accepted', reason: '' });
  } catch (error) {
    options.metrics.producerErrors.inc({ service: 'ingest', kind: 'link_opened' });
    options.logger.warn({ err: error, linkId: event.payload }, 'link_opened not acknowledged; the visitor was redirected anyway');
  }
}
