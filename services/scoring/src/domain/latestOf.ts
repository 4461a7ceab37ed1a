import type { EventPosition } from './leadScoreState';

export function isLaterThan(a: EventPosition, b: EventPosition): boolean {
  return a.occurredAt !== b.occurredAt ? a.occurredAt > b.occurredAt : a.eventId > b.eventId;
}

/** The later of two values by event time, ties by event id; order-independent by construction. */
export function latestOf<T extends EventPosition>(a: T | null, b: T | null): T | null {
  if (a === null) return b;
  if (b === null) return a;
  return isLaterThan(b, a) ? b : a;
}

/** The earlier of two values by event time, ties by event id; order-independent like `latestOf`. */
export function earliestOf<T extends EventPosition>(a: T | null, b: T | null): T | null {
  if (a === null) return b;
  if (b === null) return a;
  return isLaterThan(a, b) ? b : a;
}
