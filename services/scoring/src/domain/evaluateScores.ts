import type { BantDimension, Grade, LeadScored, LeadSignals, ScoreDecay } from '@leadflow/schemas';
import { fitDimensions, readinessDimensions, type ScoreKind } from './dimensions';
import { dimensionScoresOf, type DimensionScore } from './dimensionScoresOf';
import { gradeFor } from './gradeFor';
import { scoreDecayOf } from './scoreDecayOf';
import type { LeadScoreState } from './leadScoreState';
import type { ScoringModel } from './scoringModel';

export type ScoreEvaluation = {
  fit: number;
  intent: number;
  readiness: number;
  /** Integer 0..100. */
  total: number;
  grade: Grade;
  breakdown: LeadScored['breakdown'];
  signals: LeadSignals;
  /** What evaluates these scores at a later time without the model. */
  decay: ScoreDecay;
};

const round2 = (x: number): number => Math.round(x * 100) / 100;

const sumOf = (scores: readonly DimensionScore[], kind: ScoreKind): number =>
  scores.filter((s) => s.score === kind).reduce((sum, s) => sum + s.points, 0);

function disqualificationOf(state: LeadScoreState, model: ScoringModel): string | undefined {
  const reasons = [...fitDimensions.map((d) => state.fit[d]?.disqualifiedBy), state.company?.disqualifiedBy];
  const withdrawn = state.signals.contactConsent?.granted === false;
  if (withdrawn && model.negativeSignals.contactConsentWithdrawn === 'disqualify')
    reasons.push('contact consent withdrawn');
  return reasons.find((reason) => reason !== undefined);
}

function bantEstablishedOf(scores: readonly DimensionScore[], model: ScoringModel): BantDimension[] {
  const share = model.readiness.establishedShare;
  return readinessDimensions.filter((d) => {
    const s = scores.find((x) => x.score === 'readiness' && x.dimension === d);
    return s !== undefined && s.points > 0 && s.points >= share * s.cap;
  });
}

function signalsOf(state: LeadScoreState, scores: readonly DimensionScore[], model: ScoringModel): LeadSignals {
  const consent = state.signals.contactConsent;
  const disqualifiedBy = disqualificationOf(state, model);
  return {
    contactConsent: consent === null ? 'unknown' : consent.granted ? 'granted' : 'withdrawn',
    unsubscribed: state.signals.unsubscribed,
    demoRequested: state.signals.demoRequested,
    contactRequested: state.signals.contactRequested,
    bantEstablished: bantEstablishedOf(scores, model),
    ...(disqualifiedBy !== undefined && { disqualifiedBy }),
  };
}

const breakdownOf = (scores: readonly DimensionScore[]): LeadScored['breakdown'] =>
  scores.map(({ score, dimension, points, cap, contributors }) => ({
    score,
    dimension,
    points: round2(points),
    cap,
    topContributors: contributors.map((c) => ({
      eventId: c.eventId,
      type: c.type,
      occurredAt: c.occurredAt,
      points: round2(c.points),
    })),
  }));

function totalOf(fit: number, intent: number, readiness: number, disqualified: boolean, model: ScoringModel): number {
  const total = Math.min(100, Math.max(0, Math.round((100 * (fit + intent + readiness)) / model.totalDenominator)));
  return disqualified ? Math.min(total, model.negativeSignals.disqualifiedMaxTotal) : total;
}

/** The lead's scores at `nowMs`: a pure function of its folded events, the model and the time. */
export function evaluateScores(state: LeadScoreState, model: ScoringModel, nowMs: number): ScoreEvaluation {
  const scores = dimensionScoresOf(state, model, nowMs);
  const signals = signalsOf(state, scores, model);
  const fit = sumOf(scores, 'fit');
  const penalty = signals.unsubscribed ? model.negativeSignals.unsubscribedIntentPenalty : 0;
  const intent = Math.max(0, sumOf(scores, 'intent') - penalty);
  const readiness = sumOf(scores, 'readiness');
  const total = totalOf(fit, intent, readiness, signals.disqualifiedBy !== undefined, model);
  const decay = scoreDecayOf(scores, signals, model);
  return { fit, intent, readiness, total, grade: gradeFor(total, model), breakdown: breakdownOf(scores), signals, decay };
}
