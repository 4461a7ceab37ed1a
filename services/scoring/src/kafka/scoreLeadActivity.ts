import type { LeadActivityEvent, LeadScored } from '@leadflow/schemas';
import { applyToTrajectory, nextGradeCrossing, type ScoringModel } from '../domain';
import type { LeadRow } from '../db/LeadRow';
import { pointScoresOf } from './scoresOf';

/**
 * Applies a lead's new (deduplicated) events to its row and gives the scores to publish: one per
 * point of its trajectory the events make (each event time from the earliest new event on, and the
 * grade crossings between), in event-time order, the last evaluated at the stream time. The row's
 * next grade crossing is scheduled after the stream time. Pure.
 */
export function scoreLeadActivity(row: LeadRow, events: readonly LeadActivityEvent[], model: ScoringModel): { row: LeadRow; scores: LeadScored[] } {
  const applied = applyToTrajectory(row, events, model);
  let lastEmitted = row.lastEmitted;
  const scores = applied.points.map((point) => {
    const rescored = pointScoresOf({ ...row, state: point.state, lastEmitted }, model, point.cause, point.eventIds, point.at);
    lastEmitted = rescored.row.lastEmitted;
    return rescored.scores;
  });
  const nextCrossingAt = nextGradeCrossing(applied.state, model, applied.streamTime)?.at ?? null;
  return { row: { ...row, state: applied.state, streamTime: applied.streamTime, history: applied.history, lastEmitted, nextCrossingAt }, scores };
}
