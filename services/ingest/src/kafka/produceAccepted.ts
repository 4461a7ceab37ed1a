import type { Producer } from 'kafkajs';
import type { Codecs } from '@leadflow/kit';
import type { InboundTopicKey } from '@leadflow/schemas';
import type { InboundRecord } from '../http/validateBatch';

/**
 * Produces the accepted events of a request in one request to Kafka, keyed by subject so one
 * lead's or visitor's events stay ordered (an identification by its visitor, next to the visitor's
 * activity), and resolves once all in-sync replicas acknowledged.
 */
export async function produceAccepted(
  producer: Producer,
  codecs: Codecs,
  accepted: { record: InboundRecord; topicKey: InboundTopicKey }[],
): Promise<void> {
  const byTopic = new Map<InboundTopicKey, { key: string | null; value: Buffer; headers: Record<string, string> }[]>();
  for (const { record, topicKey } of accepted) {
    const codec = codecs[topicKey];
    const value = await codec.encode(record as never);
    const messages = byTopic.get(topicKey) ?? [];
    messages.push({ key: codec.keyOf(record as never), value, headers: { 'leadflow-event-id': record.eventId } });
    byTopic.set(topicKey, messages);
  }
  await producer.sendBatch({
    acks: -1,
    topicMessages: [...byTopic].map(([key, messages]) => ({ topic: codecs[key].topicName, messages })),
  });
}
