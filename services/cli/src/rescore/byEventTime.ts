import type { EventPosition } from '@leadflow/scoring';

/** Event-time order, ties broken by event id: the order in which a lead's history is replayed. */
export function byEventTime(a: EventPosition, b: EventPosition): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt - b.occurredAt;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
