import type { LeadSignals, ScoreDecay } from '@leadflow/schemas';
import type { DimensionScore } from './dimensionScoresOf';
import type { ScoringModel } from './scoringModel';

const halfLifeOf = (s: DimensionScore, model: ScoringModel): number | undefined =>
  s.score === 'intent'
    ? model.intent.dimensions[s.dimension as keyof ScoringModel['intent']['dimensions']].halfLifeDays
    : s.score === 'readiness'
      ? model.readiness.dimensions[s.dimension as keyof ScoringModel['readiness']['dimensions']].halfLifeDays
      : undefined;

/**
 * The inputs that let a reader evaluate these scores at any later time with the same formula as
 * `evaluateScores`: every term of a dimension decays by the same factor after the evaluation time,
 * so its uncapped value then and its half-life are enough.
 */
export function scoreDecayOf(scores: readonly DimensionScore[], signals: LeadSignals, model: ScoringModel): ScoreDecay {
  const { unsubscribedIntentPenalty, disqualifiedMaxTotal } = model.negativeSignals;
  return {
    terms: scores.flatMap((s) => {
      const halfLifeDays = halfLifeOf(s, model);
      return s.score === 'fit' || halfLifeDays === undefined
        ? []
        : [{ kind: s.score, dimension: s.dimension, uncapped: s.uncapped, cap: s.cap, halfLifeDays }];
    }),
    intentPenalty: signals.unsubscribed ? unsubscribedIntentPenalty : 0,
    totalDenominator: model.totalDenominator,
    maxTotal: signals.disqualifiedBy !== undefined ? Math.min(100, disqualifiedMaxTotal) : 100,
    gradeFloors: { ...model.grades },
  };
}
