import fc from 'fast-check';
import { heldActivityBound, pruneCutoff, releaseCutoff } from './heldActivityBound';

const DAY_MS = 86_400_000;

describe('held activity bound', () => {
  it('drops at identification what occurred more than the horizon before it', () => {
    const bound = heldActivityBound(365);

    expect(releaseCutoff(bound, 400 * DAY_MS)).toBe(35 * DAY_MS);
  });

  it('prunes only what an identification arriving within the grace would drop anyway', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3650 }), fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 29 * DAY_MS }), (horizon, streamTime, lateBy) => {
        const bound = heldActivityBound(horizon);

        expect(pruneCutoff(bound, streamTime)).toBeLessThanOrEqual(releaseCutoff(bound, streamTime - lateBy));
      }),
    );
  });
});
