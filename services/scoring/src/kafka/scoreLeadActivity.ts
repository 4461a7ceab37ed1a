import type { LeadActivityEvent } from '@leadflow/schemas';
import { foldActivity, type ScoringModel } from '../domain';
import type { LeadRow } from '../db/LeadRow';
import { scoresOf, type Rescored } from './scoresOf';

/**
 * Folds a lead's new (deduplicated) events into its row and evaluates it at its stream time, the
 * latest event time it has seen; the row's next grade crossing is scheduled from there. Pure.
 */
export function scoreLeadActivity(row: LeadRow, events: readonly LeadActivityEvent[], model: ScoringModel): Rescored {
  const folded = events.reduce(
    (acc, event) => ({
      ...acc,
      state: foldActivity(acc.state, event, model),
      streamTime: Math.max(acc.streamTime, event.occurredAt),
    }),
    row,
  );
  return scoresOf(folded, model, 'event', events.map((e) => e.eventId));
}
