import type { Pool } from 'pg';
import { totalOf, type PartitionOffset } from './readEndOffsets';
import { readStoredOffsets } from './readStoredOffsets';

const POLL_MS = 100;

/**
 * Polls Postgres every 100 ms until the group's stored offsets reach `ends` on every partition,
 * and returns when it saw that (`performance.now()`). Fails at `deadline` or on `signal`, saying
 * how far the group got.
 */
export async function waitForStoredOffsets(
  pool: Pool,
  groupId: string,
  ends: PartitionOffset[],
  limits: { deadline: number; signal: AbortSignal },
): Promise<number> {
  for (;;) {
    const stored = await readStoredOffsets(pool, groupId);
    const reached = ends.every((end) => (stored.find((s) => s.topic === end.topic && s.partition === end.partition)?.offset ?? 0) >= end.offset);
    if (reached) return performance.now();
    const progress = `group ${groupId} applied ${totalOf(stored)} of ${totalOf(ends)} records`;
    if (limits.signal.aborted) throw new Error(`interrupted: ${progress}`);
    if (performance.now() > limits.deadline) throw new Error(`timed out: ${progress}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
