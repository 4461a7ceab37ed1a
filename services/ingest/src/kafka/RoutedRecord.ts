import type { Codecs } from '@leadflow/kit';
import type { InboundTopicKey, RecordOf, topics } from '@leadflow/schemas';

/** A record of the topic `K` takes. */
export type InboundRecordOf<K extends InboundTopicKey> = RecordOf<(typeof topics)[K]>;

/** A record beside the key of its topic, typed together so its codec and it meet without a cast. */
export type RoutedRecord = { [K in InboundTopicKey]: { topicKey: K; record: InboundRecordOf<K> } }[InboundTopicKey];

/** A routed record as a Kafka message of its topic: the subject as key, the value in the wire format. */
export async function encodeRouted<K extends InboundTopicKey>(
  codecs: Codecs,
  routed: { topicKey: K; record: InboundRecordOf<K> },
): Promise<{ topic: string; key: string | null; value: Buffer }> {
  const codec: Codecs[K] = codecs[routed.topicKey];
  return { topic: codec.topicName, key: codec.keyOf(routed.record), value: await codec.encode(routed.record) };
}
