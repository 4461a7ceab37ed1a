import type { StoredOffset } from './readStoredOffsets';

/** Where a group stands on one partition: what it stored against what the log holds. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** The next offset stored in Postgres (0 when none is stored yet). */
  stored: bigint;
  /** The first offset the log still holds. */
  logStart: bigint;
  /** The offset the next record appended gets. */
  logEnd: bigint;
  /** Records behind the log end. */
  lag: bigint;
  /** Records the log deleted before the group applied them: the group cannot catch up without losing them. */
  gap: bigint;
}

export interface LogRange {
  topic: string;
  partition: number;
  logStart: bigint;
  logEnd: bigint;
}

/** Joins the stored offsets with the log's ranges, one entry per partition of the log. */
export function partitionLag(ranges: LogRange[], stored: StoredOffset[]): PartitionLag[] {
  const next = new Map(stored.map((s) => [`${s.topic}/${s.partition}`, s.next]));
  return ranges.map(({ topic, partition, logStart, logEnd }) => {
    const at = next.get(`${topic}/${partition}`) ?? 0n;
    const lag = logEnd > at ? logEnd - at : 0n;
    const gap = logStart > at ? logStart - at : 0n;
    return { topic, partition, stored: at, logStart, logEnd, lag, gap };
  });
}

/** Whether a group has applied everything its partitions held. */
export const isCaughtUpWith = (lags: PartitionLag[]): boolean => lags.every((p) => p.lag === 0n);
