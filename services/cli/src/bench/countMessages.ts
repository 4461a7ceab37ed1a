import type { Kafka } from 'kafkajs';
import { withTimeout } from './withTimeout';

export interface CountedRun {
  count: number;
  /** From the consumer's first fetch (group joined) to the last message counted, in ms. */
  elapsedMs: number;
}

/**
 * The raw baseline: a plain kafkajs consumer in a group of its own that reads topics from the
 * beginning with `eachBatch` and counts messages until `expected` were seen, decoding each value
 * with `decode` first when one is given. Its fetch settings are those of the kit's batch consumer,
 * so the two are compared like for like.
 */
export async function countMessages(
  kafka: Kafka,
  options: { groupId: string; topics: string[]; expected: number; timeoutMs: number; signal: AbortSignal; decode?: (value: Buffer | null) => Promise<unknown> },
): Promise<CountedRun> {
  const consumer = kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  let count = 0;
  let started = 0;
  let finished = 0;
  let reached!: () => void;
  const done = new Promise<void>((resolve) => (reached = resolve));
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        if (options.decode) for (const message of batch.messages) await options.decode(message.value);
        count += batch.messages.length;
        if (count >= options.expected && finished === 0) {
          finished = performance.now();
          reached();
        }
      },
    });
    started = performance.now();
    await withTimeout(done, options, () => `raw consumer counted ${count} of ${options.expected} messages`);
    return { count, elapsedMs: finished - started };
  } finally {
    await consumer.disconnect();
  }
}
