import type { Grade } from '@leadflow/schemas';
import { DAY_MS, decayedSumAt, decayedValue } from './decay';
import { intentDimensions, readinessDimensions } from './dimensions';
import { evaluateScores, type ScoreEvaluation } from './evaluateScores';
import { gradeFor } from './gradeFor';
import type { LeadScoreState } from './leadScoreState';
import type { ScoringModel } from './scoringModel';

/** When decay alone moves a lead into another grade, and which. */
export type GradeCrossing = { at: number; grade: Grade };

/** After this many of the longest half-lives a decayed point is worth under 2^-64 of itself. */
const HORIZON_HALF_LIVES = 64;

// The arithmetic of dimensionScoresOf, summed in the same order, so that totals agree to the bit.
function intentAt(state: LeadScoreState, model: ScoringModel, nowMs: number): number {
  const { newFeatureBonus } = model.intent.points;
  const featureHalfLife = model.intent.dimensions.featureInterest.halfLifeDays;
  const bonus = state.features.reduce(
    (sum, f) => sum + decayedValue(newFeatureBonus, f.firstAt, nowMs, featureHalfLife),
    0,
  );
  return intentDimensions.reduce((sum, dimension) => {
    const { cap, halfLifeDays } = model.intent.dimensions[dimension];
    const extra = dimension === 'featureInterest' ? bonus : 0;
    return sum + Math.min(cap, decayedSumAt(state.intent[dimension], nowMs, halfLifeDays) + extra);
  }, 0);
}

function readinessAt(state: LeadScoreState, model: ScoringModel, nowMs: number): number {
  return readinessDimensions.reduce((sum, dimension) => {
    const { cap, halfLifeDays } = model.readiness.dimensions[dimension];
    const value = state.readiness[dimension];
    const points = value && value.points > 0 ? decayedValue(value.points, value.occurredAt, nowMs, halfLifeDays) : 0;
    return sum + Math.min(cap, points);
  }, 0);
}

/**
 * `evaluateScores(state, model, t).total` for any `t`, without breakdowns. What time cannot change
 * (fit, the unsubscribe penalty, disqualification) is read from `evaluation`, made at any time.
 * Exported for its spec only, which pins it to `evaluateScores`.
 */
export function totalOverTime(
  state: LeadScoreState,
  model: ScoringModel,
  evaluation: ScoreEvaluation,
): (nowMs: number) => number {
  const { unsubscribedIntentPenalty, disqualifiedMaxTotal } = model.negativeSignals;
  const penalty = evaluation.signals.unsubscribed ? unsubscribedIntentPenalty : 0;
  const disqualified = evaluation.signals.disqualifiedBy !== undefined;
  return (nowMs) => {
    const intent = Math.max(0, intentAt(state, model, nowMs) - penalty);
    const points = evaluation.fit + intent + readinessAt(state, model, nowMs);
    const total = Math.min(100, Math.max(0, Math.round((100 * points) / model.totalDenominator)));
    return disqualified ? Math.min(total, disqualifiedMaxTotal) : total;
  };
}

/** A time by which every decaying point of the lead is negligible: no later time grades it otherwise. */
function horizonOf(state: LeadScoreState, model: ScoringModel, fromMs: number): number {
  const decaying = [...Object.values(model.intent.dimensions), ...Object.values(model.readiness.dimensions)];
  const longestHalfLife = Math.max(...decaying.map((d) => d.halfLifeDays));
  const latest = Math.max(
    fromMs,
    ...intentDimensions.map((d) => state.intent[d].asOf),
    ...state.features.map((f) => f.firstAt),
    ...readinessDimensions.map((d) => state.readiness[d]?.occurredAt ?? fromMs),
  );
  return Math.ceil(latest + HORIZON_HALF_LIVES * longestHalfLife * DAY_MS);
}

/** What a caller may already know: the evaluation at `fromMs`, and a time past which it does not look. */
export type CrossingSearch = {
  /** `evaluateScores(state, model, fromMs)`, when the caller made it already. */
  evaluation?: ScoreEvaluation;
  /** Only a crossing by this time is wanted: when the grade still holds then, none is searched for. */
  before?: number;
};

/**
 * The first moment after `fromMs` (integer epoch ms) at which the lead's grade differs from its grade
 * at `fromMs`, or undefined if it never changes (e.g. F already, or only non-decaying points), or,
 * with `search.before`, if it does not change by that time.
 */
export function nextGradeCrossing(
  state: LeadScoreState,
  model: ScoringModel,
  fromMs: number,
  search: CrossingSearch = {},
): GradeCrossing | undefined {
  const start = search.evaluation ?? evaluateScores(state, model, fromMs);
  if (start.grade === 'F') return undefined;
  // Time enters only through decayedValue, which never grows as time advances; min(cap, ·), the sums,
  // max(0, · − penalty), rounding and the disqualified ceiling all preserve order, and fit, penalty
  // and disqualification do not depend on time. So the total never rises: the first time it falls
  // below the grade's floor is the only crossing, and bisection on integer ms finds it exactly.
  const floor = model.grades[start.grade];
  const totalAt = totalOverTime(state, model, start);
  if (search.before !== undefined && totalAt(search.before) >= floor) return undefined;
  let kept = fromMs;
  let fallen = horizonOf(state, model, fromMs);
  let fallenTotal = totalAt(fallen);
  if (fallenTotal >= floor) return undefined;
  while (fallen - kept > 1) {
    const middle = kept + Math.floor((fallen - kept) / 2);
    const total = totalAt(middle);
    if (total >= floor) kept = middle;
    else [fallen, fallenTotal] = [middle, total];
  }
  return { at: fallen, grade: gradeFor(fallenTotal, model) };
}
