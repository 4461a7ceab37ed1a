import { v5 as uuidv5 } from 'uuid';
import type { LeadScored } from '@leadflow/schemas';
import { evaluateScores, handoffContextOf, nextGradeCrossing, type ScoringModel } from '../domain';
import type { EmittedScores, LeadRow } from '../db/LeadRow';

/** Namespace of the deterministic ids of score events. */
const SCORES_ID_NAMESPACE = '0b8e5c55-4f1e-4d43-9a53-3f7d1c2a9e61';

const round1 = (n: number): number => Math.round(n * 10) / 10;

export interface Rescored {
  row: LeadRow;
  /** The record to publish, when the scores changed. */
  scores: LeadScored | undefined;
}

/**
 * Evaluates a lead at its stream time and schedules its next grade crossing. Scores, with the lead's
 * hand-off context from the same state, are published only when a score or the grade changed (a
 * change of context alone rides on the next published scores). The id derives from the lead and what
 * caused the scores (how many events were applied, or the crossing time), so re-running the same step
 * gives the same id and consumers see a duplicate, never a second, different score.
 */
export function scoresOf(
  row: LeadRow,
  model: ScoringModel,
  cause: LeadScored['cause'],
  causeEventIds: string[],
): Rescored {
  const evaluation = evaluateScores(row.state, model, row.streamTime);
  const current: EmittedScores = {
    total: evaluation.total,
    grade: evaluation.grade,
    fit: round1(evaluation.fit),
    intent: round1(evaluation.intent),
    readiness: round1(evaluation.readiness),
  };
  const next = { ...row, lastEmitted: current, nextCrossingAt: nextGradeCrossing(row.state, model, row.streamTime)?.at ?? null };
  const previous = row.lastEmitted;
  if (previous && JSON.stringify(previous) === JSON.stringify(current)) return { row: next, scores: undefined };
  const seed = cause === 'event' ? `${row.leadId}/${row.state.eventsApplied}` : `${row.leadId}/${cause}/${model.version}/${row.streamTime}`;
  return {
    row: next,
    scores: {
      eventId: uuidv5(seed, SCORES_ID_NAMESPACE),
      leadId: row.leadId,
      modelVersion: model.version,
      evaluatedAt: row.streamTime,
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
    },
  };
}
