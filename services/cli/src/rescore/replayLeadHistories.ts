import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Codecs } from '@leadflow/kit';
import { leadActivityOf, type scoringGroups } from '@leadflow/scoring';
import type { LeadActivityEvent } from '@leadflow/schemas';
import type { LeadHistory } from './compareModels';

/** The codec of a topic the fold reads. */
export type FoldedTopicCodec = Codecs[ReturnType<typeof scoringGroups>['scoring']['topics'][number]];

export interface ReplayedHistory {
  histories: LeadHistory[];
  /** Records read, up to the end offsets the replay started with. */
  read: number;
  /** Records whose event id was read before (redeliveries, or an event on both paths): replayed once. */
  duplicates: number;
  /** Records that could not be decoded or violate the contract (the live service dead-letters them). */
  undecodable: number;
  /** Raw records only a visitor names: the fold gets them re-keyed, so they are replayed from activity-by-lead. */
  visitorOnly: number;
  /** Records between the beginning of the logs and the end offsets. */
  total: number;
  /** Partitions (`topic/partition`) whose log no longer starts at offset 0: older history was deleted by retention. */
  truncatedPartitions: string[];
}

/** Per `topic/partition`, the offset the replay stops at (exclusive): the log end when the replay starts. */
type EndOffsets = Map<string, bigint>;

const partitionOf = (topic: string, partition: number): string => `${topic}/${partition}`;

async function readEndOffsets(kafka: Kafka, topicNames: string[]) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends: EndOffsets = new Map();
    const pending = new Set<string>();
    const truncated: string[] = [];
    let total = 0;
    for (const topic of topicNames) {
      for (const o of await admin.fetchTopicOffsets(topic)) {
        const [low, high] = [BigInt(o.low), BigInt(o.high)];
        const name = partitionOf(topic, o.partition);
        ends.set(name, high);
        total += Number(high - low);
        if (high > low) pending.add(name);
        if (low > 0n) truncated.push(name);
      }
    }
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
 * Reads the topics the fold reads — the raw activity topics and activity-by-lead — from the
 * beginning up to the end offsets they had when the replay started, batch by batch, with a
 * throwaway consumer group that commits nothing. Events are decoded through the registry, taken as
 * their lead's activity as the fold takes them (`leadActivityOf`) and deduplicated by event id (the
 * first delivery counts).
 */
export async function replayLeadHistories(kafka: Kafka, codecs: readonly FoldedTopicCodec[], onProgress: (read: number, total: number) => void): Promise<ReplayedHistory> {
  const codecOf = new Map<string, FoldedTopicCodec>(codecs.map((codec) => [codec.topicName, codec]));
  const { ends, total, pending, truncated } = await readEndOffsets(kafka, [...codecOf.keys()]);
  const byLead = new Map<string, LeadActivityEvent[]>();
  const seen = new Set<string>();
  const counts = { read: 0, duplicates: 0, undecodable: 0, visitorOnly: 0 };
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
    const name = partitionOf(payload.topic, payload.partition);
    const end = ends.get(name) ?? 0n;
    if (BigInt(payload.lastOffset) + 1n >= end && pending.delete(name) && pending.size === 0) finished();
  });
  const take = (result: Awaited<ReturnType<FoldedTopicCodec['decode']>>) => {
    const event = result.ok ? leadActivityOf(result.value) : undefined;
    if (!result.ok) counts.undecodable += 1;
    else if (!event) counts.visitorOnly += 1;
    else if (seen.has(event.eventId)) counts.duplicates += 1;
    else {
      seen.add(event.eventId);
      const events = byLead.get(event.leadId) ?? [];
      events.push(event);
      byLead.set(event.leadId, events);
    }
  };
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...codecOf.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const codec = codecOf.get(batch.topic);
        if (!codec) throw new TypeError(`no codec for subscribed topic ${batch.topic}`);
        const end = ends.get(partitionOf(batch.topic, batch.partition)) ?? 0n;
        const wanted = batch.messages.filter((m) => BigInt(m.offset) < end);
        const decoded = await Promise.all(wanted.map((m) => codec.decode(m.value)));
        decoded.forEach(take);
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
