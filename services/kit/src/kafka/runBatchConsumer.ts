import type { Consumer, Kafka } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { AnyTopicCodec } from '../codec/createCodecs';
import { backoffDelay } from '../faults/backoffDelay';
import { readStoredOffsets } from '../offsets/readStoredOffsets';
import { storeOffsetPastControlRecords } from '../offsets/storeOffsetPastControlRecords';
import type { BatchHandler } from './BatchHandler';
import { BatchGate } from './BatchGate';
import { consumeBatch, type BatchContext } from './consumeBatch';
import { ConsumerHealth } from './ConsumerHealth';
import type { ConsumerMetrics } from './ConsumerMetrics';
import { defaultConsumerPolicy, type ConsumerPolicy } from './ConsumerPolicy';
import type { DeadLetterPublisher } from './DeadLetterPublisher';

/** Batches one consumer applies on their own at once, each in a transaction of its own (see `BatchGate`). */
export const BATCHES_ALONE_AT_ONCE = 3;

/** Postgres connections a consumer may hold at once: its batches applied alone, and one gathered transaction. */
export const connectionsPerConsumer = (aloneAtOnce = BATCHES_ALONE_AT_ONCE): number => aloneAtOnce + 1;

/**
 * Partition batches kafkajs hands to `eachBatch` at once: every partition of a fetch, up to this,
 * so that the gate can gather the small ones into one transaction.
 */
const PARTITIONS_HANDED_AT_ONCE = 16;

export interface BatchConsumerOptions {
  kafka: Kafka;
  pool: Pool;
  /** The group id under which offsets are stored in Postgres. */
  groupId: string;
  logger: Logger;
  codecs: AnyTopicCodec[];
  deadLetters: DeadLetterPublisher;
  /** Applies decoded records inside `tx` and returns those it refuses, with the reason. */
  handle: BatchHandler<unknown>;
  metrics: ConsumerMetrics;
  policy?: Partial<ConsumerPolicy>;
  /** Runs first in every batch transaction, before the stored offset is read (e.g. to take a lock). */
  beforeBatch?: (tx: PoolClient) => Promise<void>;
  /** The event time (epoch ms) of a decoded record, stored per partition with the offsets (see `readPartitionWatermarks`). */
  eventTimeOf?: (value: unknown) => number | undefined;
  /** Topic names whose undecodable records this group skips: another group dead-letters them. */
  skipUndecodable?: string[];
  /** The Kafka consumer group, when it is not `groupId` (a replay reads with a throwaway group). */
  consumerGroupId?: string;
  /** Batches applied on their own at once (default `BATCHES_ALONE_AT_ONCE`); the pool needs `connectionsPerConsumer` of it. */
  batchesAloneAtOnce?: number;
}

export interface RunningConsumer {
  health: ConsumerHealth;
  /** The kafkajs consumer running now (a new one after a restart). */
  consumer(): Consumer;
  stop(): Promise<void>;
}

/**
 * Consumes batches per partition under the fault policy of `consumeBatch`. Postgres is the source
 * of truth for positions: on every assignment each partition is sought to its stored offset. When
 * kafkajs crashes for good (it gives up on errors it does not deem retriable), the consumer is
 * restarted with backoff, and readiness says so meanwhile.
 */
export async function runBatchConsumer(options: BatchConsumerOptions): Promise<RunningConsumer> {
  const { kafka, groupId, codecs, logger } = options;
  const policy: ConsumerPolicy = { ...defaultConsumerPolicy, ...options.policy };
  const health = new ConsumerHealth(groupId, policy.unreadyAfterMs);
  const codecByTopic = new Map(codecs.map((codec) => [codec.topicName, codec]));
  const skipUndecodable = new Set(options.skipUndecodable);
  const admin = kafka.admin();
  await admin.connect();
  const soughtTo = new Map<string, bigint>();
  let current: Consumer | undefined;
  let stopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let restarting: Promise<Consumer> | undefined;

  const start = async (): Promise<Consumer> => {
    // A member that died without leaving is noticed after the session timeout; 10 s keeps a restarted
    // instance from waiting half a minute for its own ghost before it gets its partitions back.
    const consumer = kafka.consumer({
      groupId: options.consumerGroupId ?? groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      // A connection cut by our own disconnect crashes kafkajs with a retriable error; it would then
      // start the consumer again after it was stopped. Once stopping, nothing restarts.
      retry: { restartOnFailure: async () => !stopping },
    });
    current = consumer;
    const gate = new BatchGate(options.batchesAloneAtOnce ?? BATCHES_ALONE_AT_ONCE);
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      health.joined();
      restarts = 0;
      seekToStored(consumer, payload.memberAssignment).catch((error: unknown) => logger.warn({ groupId, err: error }, 'could not seek to the stored offsets; the first batch will'));
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      // kafkajs hands no batch of transaction markers alone to eachBatch; the stored offset still moves past them
      if (payload.batchSize > 0 || payload.firstOffset === null) return;
      storeOffsetPastControlRecords(options.pool, groupId, payload.topic, payload.partition, BigInt(payload.firstOffset), BigInt(payload.lastOffset)).catch((error: unknown) =>
        logger.warn({ groupId, topic: payload.topic, partition: payload.partition, err: error }, 'could not store the offset past transaction markers; a later batch will'),
      );
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      health.crashed(payload.error);
      if (payload.restart || stopping) return;
      const delay = backoffDelay(restarts++, { initialMs: 1_000, maxMs: 30_000 }, Math.random());
      logger.error({ groupId, err: payload.error, restartInMs: delay }, 'consumer crashed; restarting it');
      restartTimer = setTimeout(() => void restart(consumer), delay);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...codecByTopic.keys()], fromBeginning: true });
    for (const h of health.haltedPartitions()) consumer.pause([{ topic: h.topic, partitions: [h.partition] }]);
    await consumer.run({
      eachBatchAutoResolve: false,
      // Partitions are independent (keyed state, offsets per partition): small batches share a
      // transaction, large ones overlap their I/O waits.
      partitionsConsumedConcurrently: PARTITIONS_HANDED_AT_ONCE,
      autoCommitInterval: 1000,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0 || health.isHalted(batch.topic, batch.partition)) return;
        const codec = codecByTopic.get(batch.topic);
        if (!codec) throw new TypeError(`no codec for subscribed topic ${batch.topic}`);
        const context: BatchContext = {
          target: { pool: options.pool, groupId, codec, deadLetters: options.deadLetters, handle: options.handle, beforeBatch: options.beforeBatch, eventTimeOf: options.eventTimeOf, skipUndecodable: skipUndecodable.has(batch.topic) },
          policy,
          health,
          metrics: options.metrics,
          logger,
          consumer,
          admin,
          soughtTo,
          gate,
          heartbeat,
          isRunning,
          isStale,
          resolveOffset,
        };
        await consumeBatch(context, batch);
        await heartbeat().catch(() => undefined);
      },
    });
    return consumer;
  };

  const restart = async (crashed: Consumer) => {
    await crashed.disconnect().catch(() => undefined);
    if (stopping) return;
    restarting = start();
    await restarting.catch((error: unknown) => {
      health.crashed(error instanceof Error ? error : new Error(String(error)));
      const delay = backoffDelay(restarts++, { initialMs: 1_000, maxMs: 30_000 }, Math.random());
      logger.error({ groupId, err: error, restartInMs: delay }, 'consumer restart failed; trying again');
      restartTimer = setTimeout(() => void restart(current ?? crashed), delay);
    });
  };

  const seekToStored = async (consumer: Consumer, assignment: Record<string, number[]>) => {
    const stored = await readStoredOffsets(options.pool, groupId);
    for (const { topic, partition, next } of stored) {
      if (!assignment[topic]?.includes(partition) || health.isHalted(topic, partition)) continue;
      consumer.seek({ topic, partition, offset: next.toString() });
    }
  };

  await start();
  return {
    health,
    consumer: () => current as Consumer,
    stop: async () => {
      stopping = true;
      clearTimeout(restartTimer);
      // a restart under way finishes first, so that the consumer it makes is the one disconnected
      await restarting?.catch(() => undefined);
      await current?.disconnect();
      await admin.disconnect().catch(() => undefined);
      logger.info({ groupId }, 'consumer stopped');
    },
  };
}

