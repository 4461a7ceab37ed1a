import type { Producer } from 'kafkajs';
import type { AnyTopic, RecordOf } from '@leadflow/schemas';
import type { TopicCodec } from '../codec/TopicCodec';

/** Encodes and produces records to one topic in one request, resolving once Kafka acknowledged. */
export async function publishRecords<T extends AnyTopic>(
  producer: Producer,
  codec: TopicCodec<T>,
  records: RecordOf<T>[],
): Promise<void> {
  if (records.length === 0) return;
  const messages = await Promise.all(
    records.map(async (record) => ({
      key: codec.keyOf(record),
      value: await codec.encode(record),
      headers: { 'leadflow-event-id': String((record as { eventId?: string }).eventId ?? '') },
    })),
  );
  await producer.send({ topic: codec.topicName, acks: -1, messages });
}
