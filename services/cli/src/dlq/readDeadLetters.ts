import type { Kafka } from 'kafkajs';
import type { Codecs } from '@leadflow/kit';
import type { DeadLetter } from '@leadflow/schemas';

/** A dead letter with its own place on the dead-letter topic. */
export interface StoredDeadLetter {
  partition: number;
  offset: string;
  letter: DeadLetter;
}

/**
 * Every dead letter on the topic right now: reads each partition from its start to the end offsets
 * at the call with a throwaway group. A record of the dead-letter topic that does not decode is
 * reported, not skipped.
 */
export async function readDeadLetters(kafka: Kafka, codecs: Codecs, timeoutMs = 30_000): Promise<StoredDeadLetter[]> {
  const codec = codecs.deadLetter;
  const admin = kafka.admin();
  await admin.connect();
  const ranges = await admin.fetchTopicOffsets(codec.topicName);
  await admin.disconnect();
  const expected = ranges.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  const letters: StoredDeadLetter[] = [];
  if (expected === 0) return letters;
  const consumer = kafka.consumer({ groupId: `leadflow-dlq-read-${Date.now()}-${Math.random()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: codec.topicName, fromBeginning: true });
  let seen = 0;
  const failures: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${seen} of ${expected} dead letters in ${timeoutMs / 1000} s`)), timeoutMs);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const decoded = await codec.decode(message.value);
        if (decoded.ok) letters.push({ partition, offset: message.offset, letter: decoded.value });
        else failures.push(`${partition}/${message.offset}: ${decoded.error.message}`);
        if (++seen >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  }).finally(() => consumer.disconnect());
  if (failures.length > 0) throw new Error(`dead letters that do not decode: ${failures.join('; ')}`);
  return letters;
}
