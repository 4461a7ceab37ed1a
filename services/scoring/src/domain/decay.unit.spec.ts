import fc from 'fast-check';
import { addToDecayedSum, DAY_MS, decayedSumAt, decayedValue, emptyDecayedSum, mergeDecayedSums } from './decay';

const contributionArb = fc.record({
  points: fc.double({ min: 0, max: 50, noNaN: true }),
  at: fc.integer({ min: 0, max: 120 * DAY_MS }),
});

describe('decay', () => {
  it('halves a contribution every half-life', () => {
    expect(decayedValue(8, 0, 14 * DAY_MS, 14)).toBe(4);
    expect(decayedValue(8, 0, 28 * DAY_MS, 14)).toBe(2);
  });

  it('never grows a contribution evaluated before it happened', () => {
    expect(decayedValue(8, 10 * DAY_MS, 0, 14)).toBe(8);
  });

  it('the decayed sum equals the sum of decayed contributions, in any order of arrival', () => {
    fc.assert(
      fc.property(
        fc.array(contributionArb, { maxLength: 30 }),
        fc.integer({ min: 120 * DAY_MS, max: 400 * DAY_MS }),
        (contributions, now) => {
          const expected = contributions.reduce((sum, c) => sum + decayedValue(c.points, c.at, now, 14), 0);

          for (const order of [contributions, [...contributions].reverse()]) {
            const acc = order.reduce((s, c) => addToDecayedSum(s, c.points, c.at, 14), emptyDecayedSum());
            expect(decayedSumAt(acc, now, 14)).toBeCloseTo(expected, 9);
          }
        },
      ),
    );
  });

  it('merging two sums equals adding all their contributions to one', () => {
    fc.assert(
      fc.property(fc.array(contributionArb), fc.array(contributionArb), (a, b) => {
        const fold = (cs: typeof a, from = emptyDecayedSum()) =>
          cs.reduce((s, c) => addToDecayedSum(s, c.points, c.at, 90), from);

        const merged = mergeDecayedSums(fold(a), fold(b), 90);
        const folded = fold(b, fold(a));

        expect(merged.asOf).toBe(folded.asOf);
        expect(merged.sum).toBeCloseTo(folded.sum, 9);
      }),
    );
  });
});
