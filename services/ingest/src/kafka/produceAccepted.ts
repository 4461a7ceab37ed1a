import type { Codecs } from '@leadflow/kit';
import type { InboundTopicKey } from '@leadflow/schemas';
import type { InboundRecord } from '../http/validateBatch';
import type { CoalescingProducer, TopicMessages } from './CoalescingProducer';

/**
 * Encodes a request's accepted events and hands them to the coalescing producer, keyed by subject
 * so one lead's or visitor's events stay ordered (an identification by its visitor, next to the
 * visitor's activity). Resolves once all in-sync replicas acknowledged them.
 */
export async function produceAccepted(
  producer: CoalescingProducer,
  codecs: Codecs,
  accepted: { record: InboundRecord; topicKey: InboundTopicKey }[],
): Promise<void> {
  const byTopic = new Map<InboundTopicKey, TopicMessages>();
  for (const { record, topicKey } of accepted) {
    const codec = codecs[topicKey];
    const value = await codec.encode(record as never);
    const topic = byTopic.get(topicKey) ?? { topic: codec.topicName, messages: [] };
    topic.messages.push({ key: codec.keyOf(record as never), value, headers: { 'leadflow-event-id': record.eventId } });
    byTopic.set(topicKey, topic);
  }
  await producer.send([...byTopic.values()]);
}
