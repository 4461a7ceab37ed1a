import type { Message, Producer } from 'kafkajs';
import type { Codecs } from '@leadflow/kit';
import type { BenchEvent } from './generateBenchEvents';

/**
 * Encodes events through the registry and produces them in order, `batchSize` per `sendBatch`
 * call, keyed by lead or visitor as ingest keys them. Returns how long it took, in ms.
 */
export async function produceBenchEvents(producer: Producer, codecs: Codecs, events: BenchEvent[], batchSize: number): Promise<number> {
  const started = performance.now();
  for (let from = 0; from < events.length; from += batchSize) {
    const byTopic = new Map<string, Message[]>();
    for (const { topicKey, record } of events.slice(from, from + batchSize)) {
      const codec = codecs[topicKey];
      const messages = byTopic.get(codec.topicName) ?? [];
      messages.push({ key: codec.keyOf(record as never), value: await codec.encode(record as never), headers: { 'leadflow-event-id': record.eventId } });
      byTopic.set(codec.topicName, messages);
    }
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }
  return performance.now() - started;
}
