import type { LeadScored } from '@leadflow/schemas';

type Ordered = Pick<LeadScored, 'evaluatedAt' | 'eventsApplied' | 'eventId'>;

/**
 * Whether `candidate` is a later state of the lead than `current`: more events applied, then later
 * in event time (the grade crossings of one state), then (for a tie no history produces twice) the
 * greater event id, so any order of arrival keeps the same score. Events applied come first because
 * a late event is scored at the lead's latest event time, which may precede a crossing already
 * published. The stores compare the same three columns.
 */
export function isNewerScore(candidate: Ordered, current: Ordered | undefined): boolean {
  if (!current) return true;
  if (candidate.eventsApplied !== current.eventsApplied) return candidate.eventsApplied > current.eventsApplied;
  if (candidate.evaluatedAt !== current.evaluatedAt) return candidate.evaluatedAt > current.evaluatedAt;
  return candidate.eventId >= current.eventId;
}
