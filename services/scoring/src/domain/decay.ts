export const DAY_MS = 86_400_000;

/** A decayed sum of contributions, expressed at `asOf` (epoch ms). */
export type DecayedSum = { sum: number; asOf: number };

export const emptyDecayedSum = (): DecayedSum => ({ sum: 0, asOf: 0 });

/** `points` earned at `fromMs`, worth points·2^(−(to−from)/h) at `toMs`; never grows when `toMs` precedes `fromMs`. */
export function decayedValue(points: number, fromMs: number, toMs: number, halfLifeDays: number): number {
  return points * Math.pow(2, -Math.max(0, toMs - fromMs) / (halfLifeDays * DAY_MS));
}

// Decay multiplies every term by the same factor, so the sum is linear in its terms: rebasing to the
// latest time and adding commute, and any order of events gives the same value.
export function addToDecayedSum(acc: DecayedSum, points: number, atMs: number, halfLifeDays: number): DecayedSum {
  const asOf = Math.max(acc.asOf, atMs);
  return {
    sum: decayedValue(acc.sum, acc.asOf, asOf, halfLifeDays) + decayedValue(points, atMs, asOf, halfLifeDays),
    asOf,
  };
}

export function mergeDecayedSums(a: DecayedSum, b: DecayedSum, halfLifeDays: number): DecayedSum {
  return addToDecayedSum(a, b.sum, b.asOf, halfLifeDays);
}

/** The value of the sum at `nowMs`; before its latest contribution the sum is not decayed further. */
export function decayedSumAt(acc: DecayedSum, nowMs: number, halfLifeDays: number): number {
  return decayedValue(acc.sum, acc.asOf, nowMs, halfLifeDays);
}
