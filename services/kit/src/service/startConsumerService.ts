import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { z } from 'zod';
import type { consumerConfig } from '../config/loadConfig';
import { groupIdOf, type ConsumerGroup } from '../consumers/ConsumerGroup';
import { createPool } from '../db/createPool';
import { migrate, type Migration } from '../db/migrate';
import { startHealthServer } from '../http/startHealthServer';
import { ConsumerMetrics } from '../kafka/ConsumerMetrics';
import { producerErrorCounter } from '../kafka/producerErrorCounter';
import { DeadLetterPublisher } from '../kafka/DeadLetterPublisher';
import type { ConsumerPolicy } from '../kafka/ConsumerPolicy';
import { connectionsPerConsumer, runBatchConsumer, type RunningConsumer } from '../kafka/runBatchConsumer';
import { createLogger } from '../logging/createLogger';
import { serviceOutbox } from '../outbox/serviceOutbox';
import { startOutboxRelay } from '../outbox/startOutboxRelay';
import { connectPipeline, type PipelineSettings } from './connectPipeline';
import { kitMigrations } from './kitMigrations';
import type { ConsumerServiceContext } from './ConsumerServiceContext';
import type { Stoppable } from './runUntilSignalled';

type ConsumerSettings = { [K in keyof typeof consumerConfig]: z.infer<(typeof consumerConfig)[K]> };

export interface ConsumerServiceSettings extends PipelineSettings, Partial<ConsumerSettings> {
  DATABASE_URL: string;
  LOG_LEVEL: string;
  HEALTH_PORT: number;
  BIND_ADDRESS?: string;
}

export interface ConsumerServiceDefinition {
  name: string;
  /** The Postgres schema of the service's tables (and its consumer offsets), when not public. */
  schema?: string;
  migrations: Migration[];
  consumers: ConsumerGroup[];
  /** Runs once after the migrations, before any worker or consumer starts (e.g. to carry positions over an upgrade). */
  beforeStart?: (context: ConsumerServiceContext) => Promise<void>;
  /** Background work beside the consumers (e.g. a ticker), started with them and stopped before them. */
  workers?: (context: ConsumerServiceContext) => Promise<Stoppable[]> | Stoppable[];
}

export interface RunningService extends Stoppable {
  healthPort: number;
  /** Why the service is not ready; empty when it is. */
  problems(): string[];
}

/**
 * The shell every consumer service shares: Postgres with its migrations and bounded waits, topics
 * and schemas, the outbox and its relay (what batches produce is published after they commit), the consumer groups with their dead-letter topic and fault
 * policy, health (ready only while every group is) and metrics, and a stop that finishes the batch
 * in flight before closing connections.
 */
export async function startConsumerService(settings: ConsumerServiceSettings, definition: ConsumerServiceDefinition): Promise<RunningService> {
  const logger = createLogger(definition.name, settings.LOG_LEVEL);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const consumerMetrics = new ConsumerMetrics(metrics, definition.name);
  const pool = await createPool(settings.DATABASE_URL, {
    schema: definition.schema,
    // a connection for every transaction a consumer may have in flight, and two for the workers
    // beside them: batches queued for a connection hold their partitions' records waiting
    max: definition.consumers.length * connectionsPerConsumer() + 2,
    connectTimeoutMs: settings.PG_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: settings.PG_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: settings.PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  });
  await migrate(pool, definition.name, [...kitMigrations, ...definition.migrations]);
  const { kafka, codecs, durability } = await connectPipeline(`leadflow-${definition.name}`, settings, logger);
  const namespace = settings.TOPIC_NAMESPACE;
  const outbox = serviceOutbox(namespace, definition.name);
  const relay = await startOutboxRelay({ kafka, pool, outbox, namespace, logger, durability, onError: producerErrorCounter(metrics, definition.name) });
  const context: ConsumerServiceContext = { kafka, outbox, codecs, pool, logger, metrics, namespace };
  await definition.beforeStart?.(context).catch(async (error: unknown) => {
    await relay.stop();
    throw error;
  });
  const consumers: RunningConsumer[] = [];
  const startGroup = (group: ConsumerGroup) => {
    const groupId = groupIdOf(group, namespace);
    return runBatchConsumer({
      kafka,
      pool,
      groupId,
      logger,
      codecs: group.topics.map((key) => codecs[key]),
      deadLetters: new DeadLetterPublisher(outbox, codecs.deadLetter, groupId),
      handle: group.handle(context),
      metrics: consumerMetrics,
      beforeBatch: group.beforeBatch,
      eventTimeOf: group.eventTimeOf,
      skipUndecodable: group.skipUndecodable?.map((key) => codecs[key].topicName),
      policy: policyOf(settings),
    });
  };
  let started = false;
  const problems = () => (started ? consumers.flatMap((c) => c.health.problems(Date.now())) : ['starting']);
  const ready = new Gauge({ name: 'leadflow_service_ready', help: '1 while the service is ready', labelNames: ['service'], registers: [metrics] });
  ready.set({ service: definition.name }, 0);
  const health = await startHealthServer(settings.HEALTH_PORT, metrics, () => {
    const now = problems();
    ready.set({ service: definition.name }, now.length === 0 ? 1 : 0);
    return { ready: now.length === 0, ...(now.length > 0 ? { problems: now } : {}) };
  }, settings.BIND_ADDRESS);
  // Workers (tickers) start beside the consumers: they depend on Postgres state, not on the group
  // joins, and a restarted service owes its due timers within a second.
  const workers = (await definition.workers?.(context)) ?? [];
  try {
    consumers.push(...(await Promise.all(definition.consumers.map((group) => startGroup(group)))));
  } catch (error) {
    for (const worker of workers) await worker.stop();
    await relay.stop();
    throw error;
  }
  started = true;
  logger.info({ groups: consumers.map((c) => c.health.groupId), healthPort: health.port }, `${definition.name} running`);
  return {
    healthPort: health.port,
    problems,
    stop: async () => {
      started = false;
      for (const worker of workers) await worker.stop();
      for (const consumer of consumers) await consumer.stop();
      await relay.stop();
      await health.close();
      await pool.end();
    },
  };
}

function policyOf(settings: Partial<ConsumerSettings>): Partial<ConsumerPolicy> {
  return {
    ...(settings.CONSUMER_RETRY_INITIAL_MS && settings.CONSUMER_RETRY_MAX_MS
      ? { backoff: { initialMs: settings.CONSUMER_RETRY_INITIAL_MS, maxMs: settings.CONSUMER_RETRY_MAX_MS } }
      : {}),
    ...(settings.CONSUMER_UNREADY_AFTER_MS ? { unreadyAfterMs: settings.CONSUMER_UNREADY_AFTER_MS } : {}),
    ...(settings.CONSUMER_BUG_ATTEMPTS ? { bugAttempts: settings.CONSUMER_BUG_ATTEMPTS } : {}),
    ...(settings.CONSUMER_ACCEPT_OFFSET_GAP !== undefined ? { acceptOffsetGap: settings.CONSUMER_ACCEPT_OFFSET_GAP } : {}),
  };
}
