import { RebuildError } from './RebuildError';
import { reachedEnds, recordsCovered, recordsIn, type PartitionRange, type StoredOffset } from './PartitionRange';

const POLL_MS = 100;

export interface WaitLimits {
  /** How long the stored offsets may stand still before the wait is given up, in ms. */
  stallMs: number;
  signal?: AbortSignal;
  /** Why the consumer cannot go on, once it cannot. */
  failure?: () => Error | undefined;
}

/**
 * Polls the stored offsets every 100 ms until they reach the end of every range, reporting the
 * records covered so far. Fails when interrupted, when the consumer failed, or when it stalled.
 */
export async function waitForStoredOffsets(
  read: () => Promise<StoredOffset[]>,
  ranges: PartitionRange[],
  limits: WaitLimits,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<void> {
  const total = recordsIn(ranges);
  let done = -1;
  let movedAt = performance.now();
  for (;;) {
    const stored = await read();
    const covered = recordsCovered(ranges, stored);
    if (covered !== done) [done, movedAt] = [covered, performance.now()];
    onProgress(done, total);
    if (reachedEnds(ranges, stored)) return;
    const progress = `${done} of ${total} records applied`;
    if (limits.signal?.aborted) throw new RebuildError(`interrupted: ${progress}`);
    const failure = limits.failure?.();
    if (failure) throw new RebuildError(`the replay consumer failed: ${failure.message} (${progress})`, { cause: failure });
    if (performance.now() - movedAt > limits.stallMs) throw new RebuildError(`the replay made no progress for ${limits.stallMs / 1000} s: ${progress}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
