import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { TopicCodec } from '@leadflow/kit';
import type { LeadActivityEvent, topics } from '@leadflow/schemas';
import type { LeadHistory } from './compareModels';

export interface ReplayedHistory {
  histories: LeadHistory[];
  /** Records read, up to the end offsets the replay started with. */
  read: number;
  /** Records whose event id was read before (redeliveries): replayed once. */
  duplicates: number;
  /** Records that could not be decoded or violate the contract (the live service dead-letters them). */
  undecodable: number;
  /** Records between the beginning of the log and the end offsets. */
  total: number;
  /** Partitions whose log no longer starts at offset 0: older history was deleted by retention. */
  truncatedPartitions: number[];
}

/** Per partition, the offset the replay stops at (exclusive): the log end when the replay starts. */
type EndOffsets = Map<number, bigint>;

async function readEndOffsets(kafka: Kafka, topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends: EndOffsets = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    const total = offsets.reduce((n, o) => n + Number(BigInt(o.high) - BigInt(o.low)), 0);
    const pending = new Set(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => o.partition));
    const truncated = offsets.filter((o) => BigInt(o.low) > 0n).map((o) => o.partition);
    return { ends, total, pending, truncated };
  } finally {
    await admin.disconnect();
  }
}

async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
}

/**
 * Reads a lead-keyed activity topic from the beginning up to the end offsets it had when the
 * replay started, batch by batch, with a throwaway consumer group that commits nothing. Events
 * are decoded through the registry and deduplicated by event id (the first delivery counts).
 */
export async function replayLeadHistories(
  kafka: Kafka,
  codec: TopicCodec<typeof topics.activityByLead>,
  onProgress: (read: number, total: number) => void,
): Promise<ReplayedHistory> {
  const { ends, total, pending, truncated } = await readEndOffsets(kafka, codec.topicName);
  const byLead = new Map<string, LeadActivityEvent[]>();
  const seen = new Set<string>();
  const counts = { read: 0, duplicates: 0, undecodable: 0 };
  const result = (): ReplayedHistory => ({
    histories: [...byLead].map(([leadId, events]) => ({ leadId, events })),
    ...counts,
    total,
    truncatedPartitions: truncated,
  });
  onProgress(0, total);
  if (pending.size === 0) return result();

  const groupId = `leadflow-rescore-${Date.now()}-${randomUUID().slice(0, 8)}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  let finished!: () => void;
  let failed!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => ([finished, failed] = [resolve, reject]));
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) failed(payload.error);
  });
  // after each batch, and after batches of transaction markers alone, which reach no eachBatch
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const end = ends.get(payload.partition) ?? 0n;
    if (BigInt(payload.lastOffset) + 1n >= end && pending.delete(payload.partition) && pending.size === 0) finished();
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: codec.topicName, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const end = ends.get(batch.partition) ?? 0n;
        const wanted = batch.messages.filter((m) => BigInt(m.offset) < end);
        const decoded = await Promise.all(wanted.map((m) => codec.decode(m.value)));
        for (const result of decoded) {
          if (!result.ok) counts.undecodable += 1;
          else if (seen.has(result.value.eventId)) counts.duplicates += 1;
          else {
            seen.add(result.value.eventId);
            const events = byLead.get(result.value.leadId) ?? [];
            events.push(result.value);
            byLead.set(result.value.leadId, events);
          }
        }
        counts.read += wanted.length;
        onProgress(counts.read, total);
        await heartbeat();
      },
    });
    await done;
  } finally {
    await consumer.disconnect();
    await deleteGroup(kafka, groupId);
  }
  return result();
}
