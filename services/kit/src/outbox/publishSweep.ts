import type { Message, Producer } from 'kafkajs';
import { chunksOf, MAX_REQUEST_BYTES } from '../kafka/publishRecords';
import type { RelayCursor } from './RelayCursor';
import type { Sweep } from './claimSweep';

/**
 * Produces a sweep's records and moves the cursor to its number in one Kafka transaction: readers
 * (read_committed, kafkajs' default) see the records only once it commits, and a relay that dies
 * after the commit leaves a cursor that says so. Records of one topic keep their order.
 */
export async function publishSweep(producer: Producer, cursor: RelayCursor, sweep: Sweep): Promise<void> {
  const byTopic = new Map<string, Message[]>();
  for (const record of sweep.records) {
    const messages = byTopic.get(record.topic) ?? [];
    messages.push({ key: record.key, value: record.value, headers: record.headers });
    byTopic.set(record.topic, messages);
  }
  const transaction = await producer.transaction();
  try {
    for (const [topic, messages] of byTopic) {
      for (const chunk of chunksOf(messages, MAX_REQUEST_BYTES)) await transaction.send({ topic, acks: -1, messages: chunk });
    }
    await transaction.sendOffsets({ consumerGroupId: cursor.groupId, topics: [{ topic: cursor.topic, partitions: [{ partition: 0, offset: sweep.sweep.toString() }] }] });
    await transaction.commit();
  } catch (error) {
    if (transaction.isActive()) await transaction.abort().catch(() => undefined);
    throw error;
  }
}
