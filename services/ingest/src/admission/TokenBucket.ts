/** A token bucket: `tokens` available as of `at` (epoch ms). */
export interface TokenBucket {
  tokens: number;
  at: number;
}

export type TakeResult = { allowed: true; bucket: TokenBucket } | { allowed: false; bucket: TokenBucket; retryAfterMs: number };

/**
 * Takes `cost` tokens from a bucket refilled at `ratePerSecond` up to `burst`. A refused take
 * leaves the tokens untouched and says when enough will have accrued. Pure: time is a parameter.
 */
export function takeTokens(bucket: TokenBucket | undefined, cost: number, nowMs: number, ratePerSecond: number, burst: number): TakeResult {
  const elapsed = bucket ? Math.max(0, nowMs - bucket.at) : 0;
  const tokens = bucket ? Math.min(burst, bucket.tokens + (elapsed * ratePerSecond) / 1000) : burst;
  if (cost <= tokens) return { allowed: true, bucket: { tokens: tokens - cost, at: nowMs } };
  const missing = Math.min(cost, burst) - tokens;
  return { allowed: false, bucket: { tokens, at: nowMs }, retryAfterMs: Math.ceil((missing * 1000) / ratePerSecond) };
}
