export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/**
 * The wait before retry `attempt` (0-based): exponential from `initialMs`, capped at `maxMs`, with
 * full jitter over its upper half so that many consumers do not retry in step. `random` is in [0, 1).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
