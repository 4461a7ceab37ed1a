import type { BackoffPolicy } from '../faults/backoffDelay';

/** How a consumer group meets faults; the defaults suit production, tests shorten them. */
export interface ConsumerPolicy {
  /** Waits between retries of a batch that failed for a transient reason. */
  backoff: BackoffPolicy;
  /** A transient fault lasting this long turns readiness to 503 (it turns back when it clears). */
  unreadyAfterMs: number;
  /** Attempts of one record alone before a handler failure counts as proven and its partition halts. */
  bugAttempts: number;
  /** Apply from the log start when records were deleted before they were applied, instead of halting. */
  acceptOffsetGap: boolean;
}

export const defaultConsumerPolicy: ConsumerPolicy = {
  backoff: { initialMs: 200, maxMs: 5_000 },
  unreadyAfterMs: 30_000,
  bugAttempts: 3,
  acceptOffsetGap: false,
};
