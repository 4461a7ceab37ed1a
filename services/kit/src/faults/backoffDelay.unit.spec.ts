import fc from 'fast-check';
import { backoffDelay } from './backoffDelay';

describe('backoffDelay', () => {
  const policy = { initialMs: 200, maxMs: 5_000 };

  it('grows exponentially from the initial wait until the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((attempt) => backoffDelay(attempt, policy, 0.999999))).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('stays within the upper half of its ceiling, never above the cap, whatever the attempt and the jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
        const delay = backoffDelay(attempt, policy, random);
        return delay >= Math.floor(ceiling / 2) && delay <= ceiling && delay <= policy.maxMs;
      }),
    );
  });
});
