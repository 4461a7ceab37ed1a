import type { Kafka, Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { Codecs } from '../codec/createCodecs';
import type { TopicCodec } from '../codec/TopicCodec';
import { createPool } from '../db/createPool';
import { consumerOffsetsMigration } from '../db/consumerOffsetsMigration';
import { migrate, type Migration } from '../db/migrate';
import { startHealthServer } from '../http/startHealthServer';
import { createProducer } from '../kafka/createProducer';
import { DeadLetterPublisher } from '../kafka/DeadLetterPublisher';
import { runBatchConsumer, type BatchHandler, type RunningConsumer } from '../kafka/runBatchConsumer';
import { createLogger } from '../logging/createLogger';
import { connectPipeline, type PipelineSettings } from './connectPipeline';
import type { Stoppable } from './runUntilSignalled';

export interface ConsumerServiceSettings extends PipelineSettings {
  DATABASE_URL: string;
  LOG_LEVEL: string;
  HEALTH_PORT: number;
  BIND_ADDRESS?: string;
}

export interface ConsumerServiceContext {
  kafka: Kafka;
  producer: Producer;
  codecs: Codecs;
  pool: Pool;
  logger: Logger;
  metrics: Registry;
}

/** One consumer group of a service: the topics it reads and how it applies a batch. */
export interface ConsumerDefinition {
  groupId: string;
  subscribe: (codecs: Codecs) => TopicCodec<never>[];
  handler: (context: ConsumerServiceContext) => BatchHandler<never>;
  /** Runs first in every batch transaction (e.g. to take a lock another process coordinates with). */
  beforeBatch?: (tx: PoolClient) => Promise<void>;
}

export interface ConsumerServiceDefinition {
  name: string;
  /** The Postgres schema of the service's tables (and its consumer offsets), when not public. */
  schema?: string;
  migrations: Migration[];
  consumers: ConsumerDefinition[];
  /** Background work beside the consumers (e.g. a ticker), started after them and stopped before them. */
  workers?: (context: ConsumerServiceContext) => Promise<Stoppable[]> | Stoppable[];
}

export interface RunningService extends Stoppable {
  healthPort: number;
}

/**
 * The shell every consumer service shares: Postgres with its migrations, topics and schemas, an
 * idempotent producer, the batch consumer with its dead-letter topic, health and metrics, and a
 * stop that finishes the batch in flight before closing connections.
 */
export async function startConsumerService(settings: ConsumerServiceSettings, definition: ConsumerServiceDefinition): Promise<RunningService> {
  const logger = createLogger(definition.name, settings.LOG_LEVEL);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const applied = new Counter({ name: `leadflow_${definition.name}_records_total`, help: 'records applied', labelNames: ['group'], registers: [metrics] });
  const deadLettered = new Counter({ name: `leadflow_${definition.name}_dead_letters_total`, help: 'records sent to the DLQ', labelNames: ['group'], registers: [metrics] });
  const pool = await createPool(settings.DATABASE_URL, definition.schema ? { schema: definition.schema } : {});
  await migrate(pool, definition.name, [consumerOffsetsMigration, ...definition.migrations]);
  const { kafka, codecs } = await connectPipeline(`leadflow-${definition.name}`, settings, logger);
  const producer = await createProducer(kafka);
  let ready = false;
  const health = await startHealthServer(settings.HEALTH_PORT, metrics, () => ready, settings.BIND_ADDRESS);
  const context: ConsumerServiceContext = { kafka, producer, codecs, pool, logger, metrics };
  const consumers: RunningConsumer[] = [];
  for (const consumer of definition.consumers) {
    const groupId = `${settings.TOPIC_NAMESPACE}${consumer.groupId}`;
    consumers.push(
      await runBatchConsumer({
        kafka,
        pool,
        groupId,
        logger,
        codecs: consumer.subscribe(codecs),
        deadLetters: new DeadLetterPublisher(producer, codecs.deadLetter, groupId),
        handle: consumer.handler(context),
        beforeBatch: consumer.beforeBatch,
        onBatchDone: (stats) => {
          applied.inc({ group: consumer.groupId }, stats.applied);
          deadLettered.inc({ group: consumer.groupId }, stats.deadLettered);
        },
      }),
    );
  }
  const workers = (await definition.workers?.(context)) ?? [];
  ready = true;
  logger.info({ groups: definition.consumers.map((c) => c.groupId), healthPort: health.port }, `${definition.name} running`);
  return {
    healthPort: health.port,
    stop: async () => {
      ready = false;
      for (const worker of workers) await worker.stop();
      for (const consumer of consumers) await consumer.stop();
      await producer.disconnect();
      await health.close();
      await pool.end();
    },
  };
}
