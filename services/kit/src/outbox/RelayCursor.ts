import type { Admin } from 'kafkajs';

/**
 * Where the relay's progress lives in Kafka: an offset of a dedicated group on partition 0 of a
 * one-partition topic, whose value is the last sweep published. It commits in the same Kafka
 * transaction as the sweep's records, so the records and the cursor are there together or not at all.
 */
export interface RelayCursor {
  topic: string;
  groupId: string;
}

export const relayCursorTopic = (namespace: string): string => `${namespace}leadflow.outbox-cursor.v1`;

export const relayCursorOf = (relay: string, namespace: string): RelayCursor => ({
  topic: relayCursorTopic(namespace),
  groupId: `leadflow-outbox-${relay}`,
});

/** The last sweep published (0 when none was). */
export async function readRelayCursor(admin: Admin, cursor: RelayCursor): Promise<bigint> {
  const [offsets] = await admin.fetchOffsets({ groupId: cursor.groupId, topics: [cursor.topic] });
  const offset = offsets?.partitions.find((p) => p.partition === 0)?.offset ?? '-1';
  return offset === '-1' ? 0n : BigInt(offset);
}
