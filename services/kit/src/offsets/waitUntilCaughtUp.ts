import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { readLogRanges, type GroupOffsets } from './readGroupLag';
import { partitionLag } from './partitionLag';
import { readStoredOffsets } from './readStoredOffsets';

export interface WaitOptions {
  /** Fails when this much time passed in all (default 60 s). */
  timeoutMs?: number;
  /** Fails when no stored offset moved for this long (default: only the overall timeout). */
  stallMs?: number;
  pollMs?: number;
  /** Gives up when aborted. */
  signal?: AbortSignal;
}

/**
 * Waits, group by group, until each has stored offsets up to the end of its topics as they were
 * when the previous group caught up: given a pipeline of groups in order, what the first read has
 * been applied by the last when this resolves.
 */
export async function waitUntilCaughtUp(admin: Admin, pool: Pool, groups: GroupOffsets[], options: WaitOptions = {}): Promise<void> {
  const { timeoutMs = 60_000, stallMs = Number.POSITIVE_INFINITY, pollMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (const group of groups) {
    const ranges = await readLogRanges(admin, group.topics);
    let progress = -1n;
    let movedAt = Date.now();
    for (;;) {
      const lags = partitionLag(ranges, await readStoredOffsets(pool, group.groupId, group.schema));
      const behind = lags.filter((p) => p.lag > 0n);
      if (behind.length === 0) break;
      const applied = lags.reduce((sum, p) => sum + p.stored, 0n);
      if (applied !== progress) [progress, movedAt] = [applied, Date.now()];
      const where = behind.map((b) => `${b.topic}/${b.partition} (${b.lag} behind)`).join(', ');
      if (options.signal?.aborted) throw new Error(`interrupted: ${group.groupId} is still behind on ${where}`);
      if (Date.now() > deadline) throw new Error(`${group.groupId} is still behind on ${where}`);
      if (Date.now() - movedAt > stallMs) throw new Error(`${group.groupId} stopped moving, behind on ${where}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
