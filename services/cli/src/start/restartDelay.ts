/** Backoff before restarting a process that exited: 0.5 s doubling to at most 30 s. */
export function restartDelayMs(consecutiveFailures: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, consecutiveFailures - 1));
}

/** A process that stayed up this long counts as healthy again: its next exit restarts it quickly. */
export const STABLE_AFTER_MS = 60_000;
