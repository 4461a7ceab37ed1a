import type { Kafka } from 'kafkajs';
import { readToEnd, type Codecs } from '@leadflow/kit';
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
  const letters: StoredDeadLetter[] = [];
  const failures: string[] = [];
  await readToEnd(
    kafka,
    codec.topicName,
    async (partition, message) => {
      const decoded = await codec.decode(message.value);
      if (decoded.ok) letters.push({ partition, offset: message.offset, letter: decoded.value });
      else failures.push(`${partition}/${message.offset}: ${decoded.error.message}`);
    },
    timeoutMs,
  );
  if (failures.length > 0) throw new Error(`dead letters that do not decode: ${failures.join('; ')}`);
  return letters;
}
