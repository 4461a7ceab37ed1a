import type { Producer } from 'kafkajs';
import type { DeadLetter } from '@leadflow/schemas';
import type { TopicCodec } from '../codec/TopicCodec';
import type { topics } from '@leadflow/schemas';
import { isRetriable } from '../errors/LeadflowError';
import type { RefusedRecord } from './ConsumedRecord';
import { publishRecords } from './publishRecords';

/** Sends records a consumer could not decode or apply to the dead-letter topic: original bytes plus reason. */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly codec: TopicCodec<typeof topics.deadLetter>,
    private readonly consumerGroup: string,
    private readonly now: () => number = Date.now,
  ) {}

  async publish(refused: RefusedRecord[]): Promise<void> {
    const letters: DeadLetter[] = refused.map(({ record, error }) => ({
      originalTopic: record.topic,
      partition: record.partition,
      offset: Number(record.offset),
      key: record.key ?? undefined,
      value: record.raw ?? undefined,
      headers: Object.entries(record.headers).map(([key, value]) => ({ key, value })),
      consumerGroup: this.consumerGroup,
      errorName: error.name,
      reason: error.message.slice(0, 4000),
      retriable: isRetriable(error),
      failedAt: this.now(),
    }));
    await publishRecords(this.producer, this.codec, letters);
  }
}
