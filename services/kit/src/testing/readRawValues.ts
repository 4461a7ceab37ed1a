import type { Kafka } from 'kafkajs';
import { readToEnd } from '../kafka/readToEnd';

/**
 * Every committed record value of a topic, from offset 0 to its end when called, as the bytes on
 * the broker: no decoding, so what is checked is exactly what anyone reading the topic gets. The end
 * is reached by offset (transaction markers take offsets too).
 */
export async function readRawValues(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<Buffer[]> {
  const values: Buffer[] = [];
  await readToEnd(
    kafka,
    topic,
    async (_partition, message) => {
      if (message.value) values.push(message.value);
    },
    timeoutMs,
  );
  return values;
}
