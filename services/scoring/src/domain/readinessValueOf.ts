import type { ConversationEvent } from '@leadflow/schemas';
import type { EventPosition, LatestValue } from './leadScoreState';
import type { ScoringModel } from './scoringModel';

type Qualification = Extract<ConversationEvent, { type: 'qualification_captured' }>['payload'];
type Answer = Qualification['value'];
type Strengths = ScoringModel['readiness']['strength'];

function budgetStrength(v: Answer, s: Strengths['budget']): number {
  if (v.budgetApproved === true) return s.approved;
  if (v.budgetMin !== undefined || v.budgetMax !== undefined) return s.range;
  return v.budgetApproved === false ? s.notApproved : s.unspecified;
}

function authorityStrength(v: Answer, s: Strengths['authority']): number {
  if (v.isDecisionMaker === true) return s.decisionMaker;
  const known = v.isDecisionMaker === false || v.role !== undefined || v.stakeholders !== undefined;
  return known ? s.influencer : s.unspecified;
}

function needStrength(v: Answer, s: Strengths['need']): number {
  if (v.priority !== undefined) return s[v.priority];
  return v.painPoints && v.painPoints.length > 0 ? s.painPointsOnly : s.unspecified;
}

function timelineStrength(v: Answer, s: Strengths['timeline']): number {
  if (v.monthsToPurchase !== undefined) {
    const months = v.monthsToPurchase;
    const band = [...s.bands].sort((a, b) => a.maxMonths - b.maxMonths).find((b) => months <= b.maxMonths);
    return band ? band.strength : s.beyond;
  }
  return v.evaluationStage !== undefined ? s.byStage[v.evaluationStage] : s.unspecified;
}

function strengthOf(q: Qualification, s: Strengths): number {
  switch (q.dimension) {
    case 'budget':
      return budgetStrength(q.value, s.budget);
    case 'authority':
      return authorityStrength(q.value, s.authority);
    case 'need':
      return needStrength(q.value, s.need);
    case 'timeline':
      return timelineStrength(q.value, s.timeline);
    default: {
      const unexpected: never = q.dimension;
      throw new Error(`unknown BANT dimension ${String(unexpected)}`);
    }
  }
}

/** Points of one BANT answer: the dimension's cap × the answer's strength × the stated confidence. */
export function readinessValueOf(q: Qualification, at: EventPosition, model: ScoringModel): LatestValue {
  const cap = model.readiness.dimensions[q.dimension].cap;
  return { ...at, points: cap * strengthOf(q, model.readiness.strength) * q.confidence };
}
