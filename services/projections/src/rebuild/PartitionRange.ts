/** The records of one partition a rebuild replays: from `low` (first kept offset) up to `high` (its end). */
export interface PartitionRange {
  topic: string;
  partition: number;
  low: number;
  high: number;
}

import type { StoredOffset } from '@leadflow/kit';

export type { StoredOffset };

const keyOf = (p: { topic: string; partition: number }) => `${p.topic}:${p.partition}`;

/** How many records of `ranges` the stored offsets cover (a partition without an offset covers none). */
export function recordsCovered(ranges: PartitionRange[], stored: StoredOffset[]): number {
  const next = new Map(stored.map((s) => [keyOf(s), Number(s.next)]));
  return ranges.reduce((sum, r) => sum + Math.max(0, Math.min(next.get(keyOf(r)) ?? r.low, r.high) - r.low), 0);
}

/** Whether the stored offsets reached the end of every range. */
export function reachedEnds(ranges: PartitionRange[], stored: StoredOffset[]): boolean {
  const next = new Map(stored.map((s) => [keyOf(s), Number(s.next)]));
  return ranges.every((r) => r.high <= r.low || (next.get(keyOf(r)) ?? r.low) >= r.high);
}

/** Records in the ranges. */
export const recordsIn = (ranges: PartitionRange[]): number => ranges.reduce((sum, r) => sum + Math.max(0, r.high - r.low), 0);
