import type { ScoringModel } from '../domain';
import type { LeadRow } from '../db/LeadRow';
import { scoresOf, type Rescored } from '../kafka/scoresOf';

/**
 * The lead evaluated at its due grade crossing, with its next crossing scheduled after it. The
 * state and the stream time stay as the events left them: the wall clock only says a crossing is
 * due, it never moves the lead past events not seen yet. Pure.
 */
export function regradeAtCrossing(row: LeadRow, model: ScoringModel): Rescored | undefined {
  if (row.nextCrossingAt === null) return undefined;
  return scoresOf(row, model, 'decay', [], row.nextCrossingAt);
}
