import { collectDefaultMetrics, Registry } from 'prom-client';
import { ConfigError, connectPipeline, createLogger, createPool, leadSubject, MasterKeys, migrate, SubjectKeyring, subjectKeysMigrations, visitorSubject, type Stoppable } from '@leadflow/kit';
import type { IngestConfig } from './config';
import { eraseLead, handoffOutbox } from '@leadflow/handoff';
import { readLeadContact } from './contact/readLeadContact';
import { buildIngestApp } from './http/buildIngestApp';
import { CoalescingProducer } from './kafka/CoalescingProducer';
import { createIngestProducer } from './kafka/createIngestProducer';
import { KafkaReadiness } from './kafka/KafkaReadiness';
import { ApiKeyDirectory } from './keys/ApiKeyDirectory';
import { linksMigrations } from './links/linksMigrations';
import { TrackedLinkStore } from './links/TrackedLinkStore';

export interface RunningIngest extends Stoppable {
  url: string;
}

/** The composition root of ingest: API keys, Kafka, registry, producer and the HTTP API. */
export async function startIngest(config: IngestConfig): Promise<RunningIngest> {
  const logger = createLogger('ingest', config.LOG_LEVEL);
  const keys = new ApiKeyDirectory(config.INGEST_API_KEYS, config.INGEST_KEYS_FILE, logger);
  if (keys.size === 0) {
    throw new ConfigError('ingest has no API keys: create one with `leadflow keys create` and set INGEST_KEYS_FILE (or INGEST_API_KEYS for a local run)');
  }
  const masters = MasterKeys.fromEnvironment(config);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const pool = await createPool(config.DATABASE_URL, { max: 4 });
  await migrate(pool, 'ingest', linksMigrations);
  await migrate(pool, 'subject-keys', subjectKeysMigrations);
  const { kafka, codecs } = await connectPipeline('leadflow-ingest', config, logger);
  const producer = new CoalescingProducer(await createIngestProducer(kafka), config.INGEST_LINGER_MS, undefined, undefined, () => createIngestProducer(kafka));
  const admin = kafka.admin();
  await admin.connect();
  const readiness = new KafkaReadiness(admin, 1000, config.INGEST_ACK_TIMEOUT_MS, (reachable) =>
    reachable ? logger.info('Kafka reachable again; taking requests') : logger.warn('Kafka unreachable; answering 503 until it is back'),
  );
  readiness.start();
  const stopWatching = keys.watch();
  const keyring = new SubjectKeyring(pool, masters);
  // lead_erased goes out through hand-off's outbox, published by its relay after the erasure commits
  const erasureDeps = { outbox: handoffOutbox(config.TOPIC_NAMESPACE), lifecycle: codecs.lifecycle };
  let started = false;
  const app = buildIngestApp({
    producer,
    codecs,
    keys,
    webhookSecrets: config.INGEST_WEBHOOK_SECRETS,
    limits: {
      maxEvents: config.INGEST_MAX_EVENTS_PER_REQUEST,
      maxEventAgeMs: config.INGEST_MAX_EVENT_AGE_DAYS * 86_400_000,
      maxBodyBytes: config.INGEST_MAX_BODY_BYTES,
      ackTimeoutMs: config.INGEST_ACK_TIMEOUT_MS,
      requestTimeoutMs: config.INGEST_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: config.INGEST_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: config.INGEST_KEEP_ALIVE_TIMEOUT_MS,
      maxInflightBytes: config.INGEST_MAX_INFLIGHT_BYTES,
      maxInflightEvents: config.INGEST_MAX_INFLIGHT_EVENTS,
      ratePerKey: config.INGEST_RATE_PER_KEY,
      burstPerKey: config.INGEST_BURST_PER_KEY,
    },
    kafka: readiness,
    logger,
    metrics,
    isStarted: () => started,
    links: new TrackedLinkStore(pool),
    keyring,
    readContact: (leadId) => readLeadContact(pool, keyring, leadId, true),
    eraseLead: async (leadId) => {
      const erasure = await eraseLead(pool, erasureDeps, leadId, Date.now());
      keyring.forget([leadSubject(leadId), ...erasure.visitors.map(visitorSubject)]);
      return { leadId, keysErased: erasure.keysErased, visitorsErased: erasure.visitors.length, eventId: erasure.event.eventId };
    },
  });
  // A deep accept queue: in a burst of connections, an overflowing one resets clients instead of answering them.
  const url = await app.listen({ host: config.BIND_ADDRESS, port: config.INGEST_PORT, backlog: 4096 });
  started = true;
  logger.info({ url }, 'ingest listening');
  return {
    url,
    stop: async () => {
      started = false;
      stopWatching();
      readiness.stop();
      await app.close();
      await producer.disconnect();
      await admin.disconnect();
      await pool.end();
    },
  };
}
