import { decayedSumAt, decayedValue } from './decay';
import {
  fitDimensions,
  intentDimensions,
  readinessDimensions,
  type IntentDimension,
  type ScoreKind,
} from './dimensions';
import type { Contribution, LatestValue, LeadScoreState } from './leadScoreState';
import type { ScoringModel } from './scoringModel';

/** A dimension's current value (capped, unrounded) and the contributions behind it, decayed to now. */
export type DimensionScore = {
  score: ScoreKind;
  dimension: string;
  points: number;
  /** The value before the cap: decay applies to it, so it says when the capped value starts to fall. */
  uncapped: number;
  cap: number;
  contributors: Contribution[];
};

const decayedTo = (c: Contribution, nowMs: number, halfLifeDays: number): Contribution => ({
  ...c,
  points: decayedValue(c.points, c.occurredAt, nowMs, halfLifeDays),
});

const winnerAsContributor = (value: LatestValue | null, type: string): Contribution[] =>
  value && value.points > 0
    ? [{ eventId: value.eventId, occurredAt: value.occurredAt, type, points: value.points }]
    : [];

function featureBonusAt(state: LeadScoreState, model: ScoringModel, nowMs: number): number {
  const { halfLifeDays } = model.intent.dimensions.featureInterest;
  const bonus = model.intent.points.newFeatureBonus;
  return state.features.reduce((sum, f) => sum + decayedValue(bonus, f.firstAt, nowMs, halfLifeDays), 0);
}

function fitScores(state: LeadScoreState, model: ScoringModel): DimensionScore[] {
  return fitDimensions.map((dimension) => {
    const { cap } = model.fit.dimensions[dimension];
    const value = state.fit[dimension];
    return {
      score: 'fit',
      dimension,
      cap,
      points: Math.min(cap, value?.points ?? 0),
      uncapped: value?.points ?? 0,
      contributors: winnerAsContributor(value, 'profile_captured'),
    };
  });
}

function intentScore(
  state: LeadScoreState,
  model: ScoringModel,
  dimension: IntentDimension,
  nowMs: number,
): DimensionScore {
  const { cap, halfLifeDays } = model.intent.dimensions[dimension];
  const current = state.intent[dimension];
  const bonus = dimension === 'featureInterest' ? featureBonusAt(state, model, nowMs) : 0;
  const uncapped = decayedSumAt(current, nowMs, halfLifeDays) + bonus;
  return {
    score: 'intent',
    dimension,
    cap,
    points: Math.min(cap, uncapped),
    uncapped,
    contributors: current.top.map((c) => decayedTo(c, nowMs, halfLifeDays)),
  };
}

function readinessScores(state: LeadScoreState, model: ScoringModel, nowMs: number): DimensionScore[] {
  return readinessDimensions.map((dimension) => {
    const { cap, halfLifeDays } = model.readiness.dimensions[dimension];
    const contributors = winnerAsContributor(state.readiness[dimension], 'qualification_captured').map((c) =>
      decayedTo(c, nowMs, halfLifeDays),
    );
    const uncapped = contributors[0]?.points ?? 0;
    return { score: 'readiness', dimension, cap, points: Math.min(cap, uncapped), uncapped, contributors };
  });
}

/** Every dimension of the three scores at `nowMs`, in model order. */
export function dimensionScoresOf(state: LeadScoreState, model: ScoringModel, nowMs: number): DimensionScore[] {
  return [
    ...fitScores(state, model),
    ...intentDimensions.map((dimension) => intentScore(state, model, dimension, nowMs)),
    ...readinessScores(state, model, nowMs),
  ];
}
