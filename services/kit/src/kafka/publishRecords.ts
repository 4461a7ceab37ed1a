import type { Message, Producer } from 'kafkajs';
import type { AnyTopic, RecordOf } from '@leadflow/schemas';
import type { TopicCodec } from '../codec/TopicCodec';
import { encodeRecords } from '../outbox/encodeRecords';

/**
 * Bytes of values per produce request. The broker refuses a record batch over `message.max.bytes`
 * (1 MiB by default) as a whole, so large batches of output are sent in several requests.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;

/** Encodes and produces records to one topic, resolving once Kafka acknowledged all of them. */
export async function publishRecords<T extends AnyTopic>(
  producer: Producer,
  codec: TopicCodec<T>,
  records: RecordOf<T>[],
): Promise<void> {
  if (records.length === 0) return;
  const messages: Message[] = (await encodeRecords(codec, records)).map(({ key, value, headers }) => ({ key, value, headers }));
  for (const chunk of chunksOf(messages, MAX_REQUEST_BYTES)) {
    await producer.send({ topic: codec.topicName, acks: -1, messages: chunk });
  }
}

/** Splits messages into runs whose values add up to at most `maxBytes` (a larger single message goes alone). */
export function chunksOf(messages: Message[], maxBytes: number): Message[][] {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = (message.value as Buffer | null)?.length ?? 0;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
