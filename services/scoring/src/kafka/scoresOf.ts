import { v5 as uuidv5 } from 'uuid';
import type { LeadScored } from '@leadflow/schemas';
import { evaluateScores, handoffContextOf, nextGradeCrossing, type ScoreEvaluation, type ScoringModel } from '../domain';
import type { EmittedScores, LeadRow } from '../db/LeadRow';

/** Namespace of the deterministic ids of score events. */
const SCORES_ID_NAMESPACE = '0b8e5c55-4f1e-4d43-9a53-3f7d1c2a9e61';

const round1 = (n: number): number => Math.round(n * 10) / 10;

export interface Rescored {
  row: LeadRow;
  /** The record to publish. */
  scores: LeadScored;
}

/** What names a score: the lead, what caused it and the time it is evaluated at, so a re-run repeats the id. */
function seedOf(row: LeadRow, model: ScoringModel, cause: LeadScored['cause'], causeEventIds: string[], at: number): string {
  if (cause === 'event') return `${row.leadId}/${row.state.eventsApplied}/${[...causeEventIds].sort().join(',')}`;
  if (cause === 'decay') return `${row.leadId}/decay/${model.version}/${row.state.eventsApplied}/${at}`;
  return `${row.leadId}/${cause}/${model.version}/${at}`;
}

/**
 * Evaluates `row.state` at `evaluatedAt` (event time: a point of the lead's trajectory, whose state
 * is the fold of the events up to it) and schedules its next grade crossing after that time. The
 * stored state and stream time are left as they are. The id derives from the lead and what caused
 * the scores (the events up to then), so re-running the same step, or publishing the same point
 * again after a late event, repeats the id.
 */
export function scoresOf(
  row: LeadRow,
  model: ScoringModel,
  cause: LeadScored['cause'],
  causeEventIds: string[],
  evaluatedAt: number = row.streamTime,
): Rescored {
  const evaluation = evaluateScores(row.state, model, evaluatedAt);
  const nextCrossingAt = nextGradeCrossing(row.state, model, evaluatedAt, { evaluation })?.at ?? null;
  const rescored = pointScoresOf(row, model, cause, causeEventIds, evaluatedAt, evaluation);
  return { ...rescored, row: { ...rescored.row, nextCrossingAt } };
}

/**
 * `scoresOf` without scheduling the next grade crossing (the row's is left as it is): for the
 * points of a trajectory, whose crossing is scheduled once, after the last.
 */
export function pointScoresOf(
  row: LeadRow,
  model: ScoringModel,
  cause: LeadScored['cause'],
  causeEventIds: string[],
  evaluatedAt: number,
  evaluation: ScoreEvaluation = evaluateScores(row.state, model, evaluatedAt),
): Rescored {
  const current: EmittedScores = {
    total: evaluation.total,
    grade: evaluation.grade,
    fit: round1(evaluation.fit),
    intent: round1(evaluation.intent),
    readiness: round1(evaluation.readiness),
  };
  const previous = row.lastEmitted;
  return {
    row: { ...row, lastEmitted: current },
    scores: {
      eventId: uuidv5(seedOf(row, model, cause, causeEventIds, evaluatedAt), SCORES_ID_NAMESPACE),
      leadId: row.leadId,
      modelVersion: model.version,
      evaluatedAt,
      cause,
      causeEventIds: causeEventIds.slice(-20),
      fit: evaluation.fit,
      intent: evaluation.intent,
      readiness: evaluation.readiness,
      total: evaluation.total,
      grade: evaluation.grade,
      ...(previous ? { previousGrade: previous.grade as LeadScored['grade'] } : {}),
      breakdown: evaluation.breakdown,
      signals: evaluation.signals,
      eventsApplied: row.state.eventsApplied,
      context: handoffContextOf(row.state),
      decay: evaluation.decay,
    },
  };
}
