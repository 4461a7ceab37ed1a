import type { PoolClient } from 'pg';
import { topics, type RecordOf, type TopicKey } from '@leadflow/schemas';
import type { BatchHandler } from '../kafka/BatchHandler';
import type { ConsumerServiceContext } from '../service/ConsumerServiceContext';

/** A consumer group as data: its id (without namespace) and the topics it reads. */
export interface ConsumerGroupRef<K extends TopicKey = TopicKey> {
  group: string;
  topics: readonly K[];
  /** The schema of its `consumer_offsets`, when the service keeps its tables in one. */
  schema?: string;
}

/** The values a group's handler receives: one of the records of its topics. */
export type RecordOfTopics<K extends TopicKey> = RecordOf<(typeof topics)[K]>;

/** What `defineConsumer` takes: a group, its topics, and a handler typed by those topics. */
export interface ConsumerSpec<K extends TopicKey> extends ConsumerGroupRef<K> {
  handle: (context: ConsumerServiceContext) => BatchHandler<RecordOfTopics<K>>;
  /** Runs first in every batch transaction (e.g. to take a lock another process coordinates with). */
  beforeBatch?: (tx: PoolClient) => Promise<void>;
  /**
   * The event time (epoch ms) of a record of these topics. When given, the latest event time applied
   * on each partition is stored with its offset: the partition's watermark (`readPartitionWatermarks`).
   */
  eventTimeOf?: (value: RecordOfTopics<K>) => number | undefined;
  /**
   * Topics of this group that another group of the service also reads whole and dead-letters the
   * undecodable records of: this group skips those records, so bad bytes are dead-lettered once.
   */
  skipUndecodable?: readonly K[];
}

/** A defined consumer group, ready for `startConsumerService`. */
export interface ConsumerGroup extends ConsumerGroupRef {
  handle: (context: ConsumerServiceContext) => BatchHandler<unknown>;
  beforeBatch?: (tx: PoolClient) => Promise<void>;
  eventTimeOf?: (value: unknown) => number | undefined;
  skipUndecodable?: readonly TopicKey[];
}

/**
 * Defines a consumer group. The compiler checks the handler against the group's topics: it must
 * accept every record any of them carries. The runner decodes each record with its topic's codec
 * and contract before the handler sees it, which is what makes the widening below sound.
 */
export function defineConsumer<const K extends TopicKey>(spec: ConsumerSpec<K>): ConsumerGroup {
  const { eventTimeOf } = spec;
  return {
    ...spec,
    handle: (context) => handlerFor(spec.topics, spec.handle(context)),
    // the runner decodes each record with its topic's codec first, as for the handler
    eventTimeOf: eventTimeOf && ((value) => eventTimeOf(value as RecordOfTopics<K>)),
  };
}

/** A handler checked against `topics`, for a runner that decodes each record with its topic's codec. */
export function handlerFor<const K extends TopicKey>(_topics: readonly K[], handler: BatchHandler<RecordOfTopics<K>>): BatchHandler<unknown> {
  return (records, tx) => handler(records as Parameters<typeof handler>[0], tx);
}

/** The Kafka topic names of a group, with the run's namespace. */
export const topicNamesOf = (ref: ConsumerGroupRef, namespace = ''): string[] => ref.topics.map((key) => `${namespace}${topics[key].name}`);

/** The group id as stored and joined, with the run's namespace. */
export const groupIdOf = (ref: ConsumerGroupRef, namespace = ''): string => `${namespace}${ref.group}`;
