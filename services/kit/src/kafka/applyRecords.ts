import type { KafkaMessage } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { AnyTopicCodec } from '../codec/createCodecs';
import { inTransaction } from '../db/inTransaction';
import { lockStoredOffset } from '../offsets/lockStoredOffset';
import { storeOffset } from '../offsets/storeOffset';
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

/**
 * Applies consecutive records of one partition in one Postgres transaction: locks the partition's
 * stored offset, skips what it already applied, decodes the rest, hands them to the handler,
 * dead-letters what is undecodable or refused and stores the next offset — all or nothing.
 * A registry that cannot be reached throws, so the transaction rolls back and nothing moves.
 */
export async function applyRecords(target: ApplyTarget, topic: string, partition: number, messages: KafkaMessage[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
  const first = messages[0];
  const last = messages[messages.length - 1];
  if (!first || !last) return { kind: 'applied', applied: 0, deadLettered: 0 };
  return inTransaction(target.pool, async (tx) => {
    await target.beforeBatch?.(tx);
    const stored = await lockStoredOffset(tx, target.groupId, topic, partition);
    if (BigInt(options.from ?? first.offset) > stored && !options.acceptStart) return { kind: 'behind', stored };
    const fresh = messages.slice(firstAtOrAfter(messages, stored));
    if (fresh.length === 0) return { kind: 'applied', applied: 0, deadLettered: 0 };
    const refused: RefusedRecord[] = [];
    const records: ConsumedRecord<unknown>[] = [];
    for (const message of fresh) {
      if (options.refuseWith) {
        refused.push({ record: toConsumed(topic, partition, message, undefined), error: options.refuseWith });
        continue;
      }
      const result = target.codec.decodeKnown(message.value) ?? (await target.codec.decode(message.value));
      if (result.ok) records.push(toConsumed(topic, partition, message, result.value));
      else if (!target.skipUndecodable) refused.push({ record: toConsumed(topic, partition, message, undefined), error: result.error });
    }
    if (records.length > 0) refused.push(...(await target.handle(records, tx)));
    if (refused.length > 0) await target.deadLetters.publish(tx, refused);
    await storeOffset(tx, target.groupId, topic, partition, BigInt(options.through ?? last.offset) + 1n, latestEventTime(target, records));
    return { kind: 'applied', applied: fresh.length - refused.length, deadLettered: refused.length };
  });
}

/** The latest event time among the decoded records, refused ones included: the log has passed them all. */
function latestEventTime(target: ApplyTarget, records: ConsumedRecord<unknown>[]): number | undefined {
  if (!target.eventTimeOf) return undefined;
  let latest: number | undefined;
  for (const record of records) {
    const time = target.eventTimeOf(record.value);
    if (time !== undefined && Number.isFinite(time) && (latest === undefined || time > latest)) latest = time;
  }
  return latest;
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
