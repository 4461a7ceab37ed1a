import { collectDefaultMetrics, Registry } from 'prom-client';
import { connectPipeline, createLogger, createProducer, type Stoppable } from '@leadflow/kit';
import type { IngestConfig } from './config';
import { buildIngestApp } from './http/buildIngestApp';

export interface RunningIngest extends Stoppable {
  url: string;
}

/** The composition root of ingest: Kafka, registry, producer and the HTTP API. */
export async function startIngest(config: IngestConfig): Promise<RunningIngest> {
  const logger = createLogger('ingest', config.LOG_LEVEL);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const { kafka, codecs } = await connectPipeline('leadflow-ingest', config, logger);
  const producer = await createProducer(kafka);
  let ready = false;
  const app = buildIngestApp({
    producer,
    codecs,
    apiKeys: config.INGEST_API_KEYS,
    webhookSecrets: config.INGEST_WEBHOOK_SECRETS,
    maxEvents: config.INGEST_MAX_EVENTS_PER_REQUEST,
    maxBodyBytes: config.INGEST_MAX_BODY_BYTES,
    logger,
    metrics,
    isReady: () => ready,
  });
  const url = await app.listen({ host: config.BIND_ADDRESS, port: config.INGEST_PORT });
  ready = true;
  logger.info({ url }, 'ingest listening');
  return {
    url,
    stop: async () => {
      ready = false;
      await app.close();
      await producer.disconnect();
    },
  };
}
