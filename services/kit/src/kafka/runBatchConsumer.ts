import type { Batch, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { AnyTopic, RecordOf } from '@leadflow/schemas';
import type { TopicCodec } from '../codec/TopicCodec';
import { inTransaction } from '../db/inTransaction';
import { readStoredOffset } from '../db/readStoredOffset';
import { storeOffset } from '../db/storeOffset';
import { isRetriable } from '../errors/LeadflowError';
import type { ConsumedRecord, RefusedRecord } from './ConsumedRecord';
import type { DeadLetterPublisher } from './DeadLetterPublisher';

export type BatchHandler<R> = (records: ConsumedRecord<R>[], tx: PoolClient) => Promise<RefusedRecord[]>;

export interface BatchConsumerOptions<T extends AnyTopic> {
  kafka: Kafka;
  pool: Pool;
  groupId: string;
  logger: Logger;
  codecs: TopicCodec<T>[];
  deadLetters: DeadLetterPublisher;
  /** Applies decoded records inside `tx` and returns those it refuses, with the reason. */
  handle: BatchHandler<RecordOf<T>>;
  /** Runs first in every batch transaction, before the stored offset is read (e.g. to take a lock). */
  beforeBatch?: (tx: PoolClient) => Promise<void>;
  /** The Kafka consumer group, when it is not `groupId`, under which the offsets are stored. */
  consumerGroupId?: string;
  onBatchDone?: (stats: { topic: string; partition: number; applied: number; deadLettered: number }) => void;
}

export interface RunningConsumer {
  consumer: Consumer;
  stop(): Promise<void>;
}

/**
 * Consumes batches per partition. A batch's effects and the partition's next offset commit in one
 * Postgres transaction, so a redelivered batch is skipped up to the stored offset and nothing is
 * applied twice. Records that cannot be decoded or applied go to the dead-letter topic and the
 * consumer goes on; a batch that fails for a non-retriable reason is retried record by record so
 * that only the bad record is dead-lettered.
 */
export async function runBatchConsumer<T extends AnyTopic>(options: BatchConsumerOptions<T>): Promise<RunningConsumer> {
  const { kafka, groupId, codecs, logger } = options;
  const codecByTopic = new Map(codecs.map((codec) => [codec.topicName, codec]));
  // A member that died without leaving is noticed after the session timeout; 10 s keeps a restarted
  // instance from waiting half a minute for its own ghost before it gets its partitions back.
  const consumer = kafka.consumer({
    groupId: options.consumerGroupId ?? groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 100,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...codecByTopic.keys()], fromBeginning: true });
  await consumer.run({
    eachBatchAutoResolve: false,
    // Partitions are independent (keyed state, offsets per partition): overlap their I/O waits.
    partitionsConsumedConcurrently: 3,
    autoCommitInterval: 1000,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      if (!isRunning() || isStale() || batch.messages.length === 0) return;
      const codec = codecByTopic.get(batch.topic);
      if (!codec) throw new TypeError(`no codec for subscribed topic ${batch.topic}`);
      await applyBatch(options, codec, batch);
      resolveOffset(batch.lastOffset());
      await heartbeat();
    },
  });
  return {
    consumer,
    stop: async () => {
      await consumer.disconnect();
      logger.info({ groupId }, 'consumer stopped');
    },
  };
}

async function applyBatch<T extends AnyTopic>(options: BatchConsumerOptions<T>, codec: TopicCodec<T>, batch: Batch) {
  try {
    await applyMessages(options, codec, batch.topic, batch.partition, batch.messages);
  } catch (error) {
    if (isRetriable(error) || batch.messages.length === 1) throw error;
    options.logger.warn({ topic: batch.topic, partition: batch.partition, err: error }, 'batch failed, applying record by record');
    for (const message of batch.messages) {
      await applyMessages(options, codec, batch.topic, batch.partition, [message], error as Error);
    }
  }
}

async function applyMessages<T extends AnyTopic>(
  options: BatchConsumerOptions<T>,
  codec: TopicCodec<T>,
  topic: string,
  partition: number,
  messages: KafkaMessage[],
  batchError?: Error,
): Promise<void> {
  const { pool, groupId, deadLetters, handle } = options;
  const last = messages[messages.length - 1];
  if (!last) return;
  await inTransaction(pool, async (tx) => {
    await options.beforeBatch?.(tx);
    const stored = await readStoredOffset(tx, groupId, topic, partition);
    const fresh = messages.filter((m) => BigInt(m.offset) >= stored);
    if (fresh.length === 0) return;
    const decoded = await Promise.all(fresh.map(async (m) => ({ message: m, result: await codec.decode(m.value) })));
    const refused: RefusedRecord[] = [];
    const records: ConsumedRecord<RecordOf<T>>[] = [];
    for (const { message, result } of decoded) {
      const record = toConsumed(topic, partition, message);
      if (result.ok) records.push({ ...record, value: result.value });
      else refused.push({ record, error: result.error });
    }
    try {
      refused.push(...(await handle(records, tx)));
    } catch (error) {
      // A single record that breaks the handler for a reason retrying cannot fix is dead-lettered.
      if (isRetriable(error) || records.length !== 1 || !batchError) throw error;
      await tx.query('rollback; begin');
      await options.beforeBatch?.(tx);
      refused.push({ record: records[0] as ConsumedRecord<unknown>, error: error as Error });
    }
    if (refused.length > 0) await deadLetters.publish(refused);
    await storeOffset(tx, groupId, topic, partition, BigInt(last.offset) + 1n);
    options.onBatchDone?.({ topic, partition, applied: records.length, deadLettered: refused.length });
  });
}

function toConsumed(topic: string, partition: number, message: KafkaMessage): Omit<ConsumedRecord<unknown>, 'value'> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return { topic, partition, offset: message.offset, key: message.key, raw: message.value, headers };
}
