import type { Message, Producer } from 'kafkajs';
import type { Codecs } from '@leadflow/kit';
import type { TopicKey } from '@leadflow/schemas';

/**
 * Checks records against their topic's contract, encodes them through the registry and produces them in order, `batchSize` per `sendBatch`
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
      const codec = codecs[topicKey];
      const messages = byTopic.get(codec.topicName) ?? [];
      messages.push({ ...(await codec.encodeChecked(record)), headers: { 'leadflow-event-id': record.eventId } });
      byTopic.set(codec.topicName, messages);
    }
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }
  return performance.now() - started;
}
