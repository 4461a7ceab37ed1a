import type { Kafka, KafkaMessage } from 'kafkajs';

/**
 * Reads a topic from its start to its end offsets at the call with a throwaway group, handing each
 * committed record to `onMessage`. The end is reached by offset, not by counting records: topics
 * written in Kafka transactions hold markers that take offsets and reach no reader. Rejects when
 * the end is not reached within `timeoutMs`.
 */
export async function readToEnd(
  kafka: Kafka,
  topic: string,
  onMessage: (partition: number, message: KafkaMessage) => Promise<void>,
  timeoutMs = 30_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const pending = new Map(ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high) - 1n]));
  if (pending.size === 0) return;
  const consumer = kafka.consumer({ groupId: `leadflow-read-${topic}-${Date.now()}-${Math.random()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${topic}: partitions ${[...pending.keys()].join(', ')} not read to their end in ${timeoutMs / 1000} s`)), timeoutMs);
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const last = pending.get(payload.partition);
      if (last !== undefined && BigInt(payload.lastOffset) >= last) pending.delete(payload.partition);
      if (pending.size > 0) return;
      clearTimeout(timer);
      resolve();
    });
    consumer.run({ eachMessage: ({ partition, message }) => onMessage(partition, message) }).catch(reject);
  }).finally(() => consumer.disconnect());
}

/** How many records a topic holds right now (its transaction markers, which take offsets, not counted). */
export async function countRecords(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<number> {
  let count = 0;
  await readToEnd(kafka, topic, async () => void count++, timeoutMs);
  return count;
}
