import type { LeadScored } from '@leadflow/schemas';

type Ordered = Pick<LeadScored, 'evaluatedAt' | 'eventsApplied' | 'eventId'>;

/**
 * Whether `candidate` is a later state of the lead than `current`: later in event time, then more
 * events applied, then (for a tie no history produces twice) the greater event id, so any order of
 * arrival keeps the same score. The stores compare the same three columns.
 */
export function isNewerScore(candidate: Ordered, current: Ordered | undefined): boolean {
  if (!current) return true;
  if (candidate.evaluatedAt !== current.evaluatedAt) return candidate.evaluatedAt > current.evaluatedAt;
  if (candidate.eventsApplied !== current.eventsApplied) return candidate.eventsApplied > current.eventsApplied;
  return candidate.eventId >= current.eventId;
}
