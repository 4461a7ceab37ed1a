import type { AnyTopic, RecordOf } from '@leadflow/schemas';
import type { TopicCodec } from '../codec/TopicCodec';
import type { OutboxRecord } from './OutboxRecord';

/** Encodes typed records for their topic through the registry, keyed and with their event id header. */
export async function encodeRecords<T extends AnyTopic>(codec: TopicCodec<T>, records: RecordOf<T>[]): Promise<OutboxRecord[]> {
  return Promise.all(
    records.map(async (record) => ({
      topic: codec.topicName,
      key: keyBytes(codec.keyOf(record)),
      value: await codec.encode(record),
      headers: { 'leadflow-event-id': String((record as { eventId?: string }).eventId ?? '') },
    })),
  );
}

const keyBytes = (key: string | null): Buffer | null => (key === null ? null : Buffer.from(key));
