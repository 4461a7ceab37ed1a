import fc from 'fast-check';
import { takeTokens, type TokenBucket } from './TokenBucket';

describe('takeTokens', () => {
  it('allows a full burst at once, then refuses and says when enough will have accrued', () => {
    const first = takeTokens(undefined, 100, 0, 10, 100);
    const second = takeTokens(first.bucket, 20, 500, 10, 100);

    expect(first.allowed).toBe(true);
    expect(second).toEqual({ allowed: false, bucket: { tokens: 5, at: 500 }, retryAfterMs: 1500 });
    expect(takeTokens(second.bucket, 20, 2000, 10, 100).allowed).toBe(true);
  });

  it('never lets more through than the burst plus what the rate refilled', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ gap: fc.integer({ min: 0, max: 2000 }), cost: fc.integer({ min: 1, max: 60 }) }), { maxLength: 60 }), (takes) => {
        let bucket: TokenBucket | undefined;
        let at = 0;
        let granted = 0;
        for (const { gap, cost } of takes) {
          at += gap;
          const result = takeTokens(bucket, cost, at, 25, 100);
          bucket = result.bucket;
          if (result.allowed) granted += cost;
        }
        expect(granted).toBeLessThanOrEqual(100 + (at * 25) / 1000 + 1e-9);
      }),
    );
  });
});
