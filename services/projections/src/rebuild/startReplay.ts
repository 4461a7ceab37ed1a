import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { ConsumerMetrics, handlerFor, Outbox, readStoredOffsets, runBatchConsumer, type AnyTopicCodec, type Codecs, type Logger } from '@leadflow/kit';
import { projectBatch } from '../kafka/projectBatch';
import { projectedTopics } from '../kafka/projectedTopics';
import { RefusalTally } from './kafka/RefusalTally';
import type { StoredOffset } from './PartitionRange';

export interface ReplaySettings {
  kafka: Kafka;
  /** Resolves names in the rebuild schema. */
  pool: Pool;
  schema: string;
  /** The live group: the offsets are stored under its id, for the live consumer to continue from. */
  groupId: string;
  /** A throwaway Kafka group, so the replay starts at the beginning and takes no partition from the live consumer. */
  consumerGroupId: string;
  codecs: Codecs;
  /** The topics to replay. */
  topics: AnyTopicCodec[];
  logger: Logger;
  /** Replay from where a truncated partition's log starts now instead of halting on the gap. */
  acceptOffsetGap?: boolean;
}

export interface Replay {
  stored(): Promise<StoredOffset[]>;
  /** Why the consumer cannot go on (a partition it halted), once it cannot. */
  failure(): Error | undefined;
  refused(): number;
  stop(): Promise<void>;
}

/**
 * Partitions the replay writes at once. More than the live consumer's: a replay is all backlog, and
 * with three the main thread sat idle a sixth of the time waiting for Postgres (bench:projections,
 * 200,000 records: 21,700 records/s with three, 26,200 with six).
 */
export const REPLAY_PARTITIONS_AT_ONCE = 6;

/**
 * Replays the topics from the beginning into the rebuild schema with the live consumer's runner
 * and handler: each batch and its partition's next offset commit in one transaction.
 */
export async function startReplay(settings: ReplaySettings): Promise<Replay> {
  const { kafka, pool, schema, groupId, consumerGroupId, logger } = settings;
  // the tally never writes to its outbox
  const tally = new RefusalTally(new Outbox(`${groupId}-rebuild`), settings.codecs.deadLetter, groupId);
  const running = await runBatchConsumer({
    kafka,
    pool,
    groupId,
    consumerGroupId,
    logger,
    codecs: settings.topics,
    deadLetters: tally,
    handle: handlerFor(projectedTopics, projectBatch()),
    metrics: new ConsumerMetrics(new Registry(), 'projections-rebuild'),
    policy: { acceptOffsetGap: settings.acceptOffsetGap === true },
    batchesAloneAtOnce: REPLAY_PARTITIONS_AT_ONCE,
  });
  let stopped = false;
  return {
    stored: () => readStoredOffsets(pool, groupId, schema),
    failure: () => {
      const [halted] = running.health.haltedPartitions();
      return halted && new Error(`halted ${halted.topic}/${halted.partition} at offset ${halted.offset}: ${halted.reason}`);
    },
    refused: () => tally.refused,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await running.stop();
    },
  };
}
