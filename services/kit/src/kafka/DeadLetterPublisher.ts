import type { PoolClient } from 'pg';
import type { DeadLetter } from '@leadflow/schemas';
import type { TopicCodec } from '../codec/TopicCodec';
import type { topics } from '@leadflow/schemas';
import { isRetriable } from '../errors/LeadflowError';
import type { Outbox } from '../outbox/Outbox';
import type { RefusedRecord } from './ConsumedRecord';

/**
 * Sends records a consumer could not decode or apply to the dead-letter topic, original bytes plus
 * reason: through the outbox, so a letter is published once its batch committed, and once per commit.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly outbox: Outbox,
    private readonly codec: TopicCodec<typeof topics.deadLetter>,
    private readonly consumerGroup: string,
    private readonly now: () => number = Date.now,
  ) {}

  async publish(tx: PoolClient, refused: RefusedRecord[]): Promise<void> {
    await this.outbox.write(tx, this.codec, deadLettersOf(refused, this.consumerGroup, this.now()));
  }
}

/** The dead letters of refused records, as the consumer group reports them at `failedAt`. */
export function deadLettersOf(refused: RefusedRecord[], consumerGroup: string, failedAt: number): DeadLetter[] {
  return refused.map(({ record, error }) => ({
    originalTopic: record.topic,
    partition: record.partition,
    offset: Number(record.offset),
    key: record.key ?? undefined,
    value: record.raw ?? undefined,
    headers: Object.entries(record.headers).map(([key, value]) => ({ key, value })),
    consumerGroup,
    errorName: error.name,
    reason: error.message.slice(0, 4000),
    retriable: isRetriable(error),
    failedAt,
  }));
}
