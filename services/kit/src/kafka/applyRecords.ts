import type { KafkaMessage } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { AnyTopicCodec } from '../codec/createCodecs';
import { inTransaction } from '../db/inTransaction';
import { lockStoredOffsets } from '../offsets/lockStoredOffset';
import { storeOffsets } from '../offsets/storeOffset';
import type { BatchHandler } from './BatchHandler';
import type { ConsumedRecord, RefusedRecord } from './ConsumedRecord';
import type { DeadLetterPublisher } from './DeadLetterPublisher';

export interface ApplyTarget {
  pool: Pool;
  groupId: string;
  codec: AnyTopicCodec;
  deadLetters: DeadLetterPublisher;
  handle: BatchHandler<unknown>;
  beforeBatch?: (tx: PoolClient) => Promise<void>;
  /** The event time (epoch ms) of a decoded record; the latest of a batch is stored with its offset. */
  eventTimeOf?: (value: unknown) => number | undefined;
  /** Skip records that do not decode instead of dead-lettering them: another group reading the topic does. */
  skipUndecodable?: boolean;
}

export type ApplyOutcome =
  | { kind: 'applied'; applied: number; deadLettered: number }
  /** The records start after the stored offset: Kafka's position is ahead of Postgres. */
  | { kind: 'behind'; stored: bigint };

export interface ApplyOptions {
  /** Apply even when the first record is after the stored offset (the offsets between hold no record). */
  acceptStart?: boolean;
  /** Dead-letter every record with this reason instead of handing them to the handler. */
  refuseWith?: Error;
  /**
   * The offsets the fetch covered, transaction markers and aborted records included (which reach
   * no handler): the batch starts at `from` and the stored offset moves past `through`.
   */
  from?: string;
  through?: string;
}

/** Consecutive records of one partition, fetched together, and the consumer's target for its topic. */
export interface PartitionBatch {
  target: ApplyTarget;
  topic: string;
  partition: number;
  messages: KafkaMessage[];
  options?: ApplyOptions;
}

/**
 * Applies consecutive records of one partition in one Postgres transaction: locks the partition's
 * stored offset, skips what it already applied, decodes the rest, hands them to the handler,
 * dead-letters what is undecodable or refused and stores the next offset — all or nothing.
 * A registry that cannot be reached throws, so the transaction rolls back and nothing moves.
 */
export async function applyRecords(target: ApplyTarget, topic: string, partition: number, messages: KafkaMessage[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
  const [outcome] = await applyPartitions([{ target, topic, partition, messages, options }]);
  return outcome as ApplyOutcome;
}

/**
 * `applyRecords` for the batches of several partitions of one consumer, in one transaction: the
 * handler gets all their records at once, and every partition's offset moves with them or none
 * does. One outcome per batch, in order; a partition found behind its stored offset applies
 * nothing and its outcome says so, while the others apply. The targets differ only by topic (codec,
 * undecodable records skipped): the pool, group, handler and dead letters are the first's.
 */
export async function applyPartitions(batches: PartitionBatch[]): Promise<ApplyOutcome[]> {
  const shared = batches[0]?.target;
  const nonEmpty = batches.filter((b) => b.messages.length > 0);
  if (!shared || nonEmpty.length === 0) return batches.map(() => nothingApplied);
  return inTransaction(shared.pool, async (tx) => {
    await shared.beforeBatch?.(tx);
    const storedOf = await lockStoredOffsets(tx, shared.groupId, nonEmpty);
    const outcomes: ApplyOutcome[] = batches.map(() => nothingApplied);
    const records: ConsumedRecord<unknown>[] = [];
    const refused: RefusedRecord[] = [];
    const applying: { index: number; batch: PartitionBatch; fresh: number; latest: number | undefined }[] = [];
    for (const [index, batch] of batches.entries()) {
      const { target, topic, partition, messages, options = {} } = batch;
      const first = messages[0];
      if (!first) continue;
      const stored = storedOf(topic, partition);
      if (BigInt(options.from ?? first.offset) > stored && !options.acceptStart) {
        outcomes[index] = { kind: 'behind', stored };
        continue;
      }
      const fresh = messages.slice(firstAtOrAfter(messages, stored));
      if (fresh.length === 0) continue;
      let latest: number | undefined;
      for (const message of fresh) {
        if (options.refuseWith) {
          refused.push({ record: toConsumed(topic, partition, message, undefined), error: options.refuseWith });
          continue;
        }
        const result = target.codec.decodeKnown(message.value) ?? (await target.codec.decode(message.value));
        if (result.ok) {
          records.push(toConsumed(topic, partition, message, result.value));
          latest = laterEventTime(shared, result.value, latest);
        } else if (!target.skipUndecodable) refused.push({ record: toConsumed(topic, partition, message, undefined), error: result.error });
      }
      applying.push({ index, batch, fresh: fresh.length, latest });
    }
    if (records.length > 0) refused.push(...(await shared.handle(records, tx)));
    if (refused.length > 0) await shared.deadLetters.publish(tx, refused);
    await storeOffsets(
      tx,
      shared.groupId,
      applying.map(({ batch, latest }) => ({
        topic: batch.topic,
        partition: batch.partition,
        nextOffset: BigInt(batch.options?.through ?? (batch.messages[batch.messages.length - 1] as KafkaMessage).offset) + 1n,
        maxEventTime: latest,
      })),
    );
    for (const { index, batch, fresh } of applying) {
      const deadLettered = refused.filter((r) => r.record.topic === batch.topic && r.record.partition === batch.partition).length;
      outcomes[index] = { kind: 'applied', applied: fresh - deadLettered, deadLettered };
    }
    return outcomes;
  });
}

const nothingApplied: ApplyOutcome = { kind: 'applied', applied: 0, deadLettered: 0 };

/** The later of `latest` and the record's event time, refused records included: the log has passed them all. */
function laterEventTime(target: ApplyTarget, value: unknown, latest: number | undefined): number | undefined {
  const time = target.eventTimeOf?.(value);
  return time !== undefined && Number.isFinite(time) && (latest === undefined || time > latest) ? time : latest;
}

/** The index of the first message at or after `offset` (a fetch's messages are in offset order), read from the front: a batch seldom starts behind. */
function firstAtOrAfter(messages: KafkaMessage[], offset: bigint): number {
  let index = 0;
  while (index < messages.length && BigInt((messages[index] as KafkaMessage).offset) < offset) index += 1;
  return index;
}

function toConsumed(topic: string, partition: number, message: KafkaMessage, value: unknown): ConsumedRecord<unknown> {
  const headers: Record<string, string> = {};
  if (message.headers) {
    for (const key in message.headers) {
      const header = message.headers[key];
      if (header !== undefined) headers[key] = Array.isArray(header) ? header.map(String).join(',') : String(header);
    }
  }
  return { value, topic, partition, offset: message.offset, key: message.key, raw: message.value, headers };
}
