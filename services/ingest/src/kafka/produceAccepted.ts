import type { Codecs } from '@leadflow/kit';
import type { InboundTopicKey } from '@leadflow/schemas';
import type { CoalescingProducer, TopicMessages } from './CoalescingProducer';
import { encodeRouted, type RoutedRecord } from './RoutedRecord';

/**
 * Encodes a request's accepted events and hands them to the coalescing producer, keyed by subject
 * so one lead's or visitor's events stay ordered (an identification by its visitor, next to the
 * visitor's activity). Resolves once all in-sync replicas acknowledged them.
 */
export async function produceAccepted(
  producer: CoalescingProducer,
  codecs: Codecs,
  accepted: RoutedRecord[],
): Promise<void> {
  const byTopic = new Map<InboundTopicKey, TopicMessages>();
  for (const routed of accepted) {
    const { topic: name, key, value } = await encodeRouted(codecs, routed);
    const topic = byTopic.get(routed.topicKey) ?? { topic: name, messages: [] };
    topic.messages.push({ key, value, headers: { 'leadflow-event-id': routed.record.eventId } });
    byTopic.set(routed.topicKey, topic);
  }
  await producer.send([...byTopic.values()]);
}
