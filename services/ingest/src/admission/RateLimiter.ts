import { takeTokens, type TakeResult, type TokenBucket } from './TokenBucket';

/** Per-key token buckets; a key idle long enough to be full again is forgotten, so the map stays bounded by active keys. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweep = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {}

  take(key: string, cost: number, nowMs: number): TakeResult {
    this.sweep(nowMs);
    const result = takeTokens(this.buckets.get(key), cost, nowMs, this.ratePerSecond, this.burst);
    this.buckets.set(key, result.bucket);
    return result;
  }

  private sweep(nowMs: number): void {
    const refillMs = (this.burst * 1000) / this.ratePerSecond;
    if (nowMs - this.lastSweep < refillMs) return;
    this.lastSweep = nowMs;
    for (const [key, bucket] of this.buckets) if (nowMs - bucket.at >= refillMs) this.buckets.delete(key);
  }
}
