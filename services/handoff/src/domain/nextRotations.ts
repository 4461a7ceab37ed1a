import type { LeadEvent } from './leadEvent';

/**
 * Round-robin positions after these events: each routed assignment moves its team on by one turn
 * (escalations do not). The shell applies this to what it read before deciding the next lead, and
 * stores the result in the same transaction as the events.
 */
export function nextRotations(
  rotations: Readonly<Record<string, number>>,
  events: readonly LeadEvent[],
): Record<string, number> {
  return events.reduce<Record<string, number>>(
    (turns, e) =>
      e.type === 'lead_assigned' && e.payload.reason === 'routed'
        ? { ...turns, [e.payload.team]: (turns[e.payload.team] ?? 0) + 1 }
        : turns,
    { ...rotations },
  );
}
