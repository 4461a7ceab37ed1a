import type { Kafka } from 'kafkajs';
import type { AnyTopic, RecordOf } from '@leadflow/schemas';
import type { TopicCodec } from '../codec/TopicCodec';
import { readToEnd } from '../kafka/readToEnd';

export interface TimedRecord<V> {
  value: V;
  /** When the record was produced (the broker's log-append or the producer's create time), epoch ms. */
  timestamp: number;
}

/**
 * Reads a topic from the beginning with a throwaway consumer group, decoding every record through
 * the registry, until `enough` holds for what was read or the time is up.
 */
export async function collectTimedRecords<T extends AnyTopic>(
  kafka: Kafka,
  codec: TopicCodec<T>,
  enough: (records: TimedRecord<RecordOf<T>>[]) => boolean,
  timeoutMs = 30_000,
): Promise<TimedRecord<RecordOf<T>>[]> {
  const records: TimedRecord<RecordOf<T>>[] = [];
  const consumer = kafka.consumer({ groupId: `collect-${codec.topicName}-${Date.now()}-${Math.random()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: codec.topicName, fromBeginning: true });
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const decoded = await codec.decode(message.value);
      if (!decoded.ok) throw decoded.error;
      records.push({ value: decoded.value, timestamp: Number(message.timestamp) });
      if (enough(records)) resolveDone();
    },
  });
  const timer = setTimeout(resolveDone, timeoutMs);
  await done;
  clearTimeout(timer);
  await consumer.disconnect();
  return records;
}

/** Like `collectTimedRecords`, for when only the values matter. */
export async function collectRecords<T extends AnyTopic>(
  kafka: Kafka,
  codec: TopicCodec<T>,
  enough: (records: RecordOf<T>[]) => boolean,
  timeoutMs = 30_000,
): Promise<RecordOf<T>[]> {
  const values = (timed: TimedRecord<RecordOf<T>>[]) => timed.map((t) => t.value);
  return values(await collectTimedRecords(kafka, codec, (timed) => enough(values(timed)), timeoutMs));
}

/** Every record on a topic right now: reads from the beginning up to the end offsets at the call. */
export async function readTopic<T extends AnyTopic>(kafka: Kafka, codec: TopicCodec<T>, timeoutMs = 30_000): Promise<RecordOf<T>[]> {
  const records: RecordOf<T>[] = [];
  await readToEnd(
    kafka,
    codec.topicName,
    async (_partition, message) => {
      const decoded = await codec.decode(message.value);
      if (!decoded.ok) throw decoded.error;
      records.push(decoded.value);
    },
    timeoutMs,
  );
  return records;
}
