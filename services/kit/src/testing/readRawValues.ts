import type { Kafka } from 'kafkajs';

/**
 * Every record value of a topic, from offset 0 to its end when called, as the bytes on the broker:
 * no decoding, so what is checked is exactly what anyone reading the topic gets.
 */
export async function readRawValues(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<Buffer[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
  const values: Buffer[] = [];
  if (remaining.size === 0) return values;
  const consumer = kafka.consumer({ groupId: `raw-${topic}-${Date.now()}-${Math.random()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (message.value) values.push(message.value);
      if (Number(message.offset) + 1 >= (remaining.get(partition) ?? Infinity)) remaining.delete(partition);
      if (remaining.size === 0) resolveDone();
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`${topic} not read to its end within ${timeoutMs} ms`)), timeoutMs)));
  try {
    await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return values;
}
