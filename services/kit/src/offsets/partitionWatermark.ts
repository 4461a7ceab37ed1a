import type { LogRange } from './partitionLag';

/** What a group stored for one partition: the next offset to apply and the latest event time applied. */
export interface StoredWatermark {
  topic: string;
  partition: number;
  next: bigint;
  /** Epoch ms; none until a batch with event times was applied on the partition. */
  maxEventTime?: number;
}

/** How far in event time a partition of a group's input has come. */
export interface PartitionWatermark {
  topic: string;
  partition: number;
  /** Partitions of the topic, to find a key's partition. */
  partitions: number;
  /** Epoch ms: everything on the partition up to this event time has been applied (-Infinity: nothing is known). */
  watermark: number;
}

/**
 * The watermark of one partition at wall time `now`: the latest event time applied on it, or `now`
 * when everything the log holds has been applied — the stored offset, or the log's start when records
 * were deleted before they were stored (an empty truncated log holds nothing to wait for), reaches
 * the log's end — whichever is later; never past `now` (a record stamped in the future does not move
 * time forward), minus the lateness allowed to records of the same moment still on their way. A
 * drained partition counts as `now` only when nothing committed upstream still waits to be published
 * to its topic (`pending`): those records are input the log does not show yet.
 */
export function partitionWatermark(
  range: LogRange,
  stored: Pick<StoredWatermark, 'next' | 'maxEventTime'> | undefined,
  now: number,
  allowedLatenessMs: number,
  pending = false,
): number {
  const applied = stored?.maxEventTime ?? Number.NEGATIVE_INFINITY;
  const position = stored && stored.next > range.logStart ? stored.next : range.logStart;
  const drained = !pending && position >= range.logEnd ? now : Number.NEGATIVE_INFINITY;
  return Math.min(now, Math.max(applied, drained)) - allowedLatenessMs;
}

/** The watermark of every partition of the log's ranges, from what the group stored; `pending`: topics with records still to be published. */
export function partitionWatermarks(
  ranges: LogRange[],
  stored: StoredWatermark[],
  now: number,
  allowedLatenessMs: number,
  pending: ReadonlySet<string> = new Set(),
): PartitionWatermark[] {
  const byPartition = new Map(stored.map((s) => [`${s.topic}/${s.partition}`, s]));
  const counts = new Map<string, number>();
  for (const r of ranges) counts.set(r.topic, (counts.get(r.topic) ?? 0) + 1);
  return ranges.map((range) => ({
    topic: range.topic,
    partition: range.partition,
    partitions: counts.get(range.topic) ?? 0,
    watermark: partitionWatermark(range, byPartition.get(`${range.topic}/${range.partition}`), now, allowedLatenessMs, pending.has(range.topic)),
  }));
}

/**
 * Whether something keyed by `keyHash` (see `keyHashOf`) is due by `dueAt` on every topic: its
 * partition of each topic has a watermark at or past it.
 */
export const passedOnEveryTopic = (watermarks: PartitionWatermark[], keyHash: number, dueAt: number): boolean =>
  watermarks.every((w) => w.partition !== keyHash % w.partitions || w.watermark >= dueAt);
