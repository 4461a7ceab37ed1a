import type { Message, Producer } from 'kafkajs';
import type { Codecs, TopicCodec } from '@leadflow/kit';
import type { AnyTopic, TopicKey } from '@leadflow/schemas';

/**
 * Encodes records through the registry and produces them in order, `batchSize` per `sendBatch`
 * call, keyed as their topics key them. Returns how long it took, in ms.
 */
export async function produceTopicRecords(
  producer: Producer,
  codecs: Codecs,
  records: readonly { topicKey: TopicKey; record: { eventId: string } }[],
  batchSize: number,
): Promise<number> {
  const started = performance.now();
  for (let from = 0; from < records.length; from += batchSize) {
    const byTopic = new Map<string, Message[]>();
    for (const { topicKey, record } of records.slice(from, from + batchSize)) {
      // One codec shape for every topic: the records were validated against their topic when made.
      const codec = codecs[topicKey] as unknown as TopicCodec<AnyTopic>;
      const messages = byTopic.get(codec.topicName) ?? [];
      messages.push({ key: codec.keyOf(record as never), value: await codec.encode(record as never), headers: { 'leadflow-event-id': record.eventId } });
      byTopic.set(codec.topicName, messages);
    }
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }
  return performance.now() - started;
}
