import type { LeadActivityEvent } from '@leadflow/schemas';
import type { EventPosition } from './leadScoreState';

/** Where an event sits in event time. */
export const positionOf = (event: LeadActivityEvent): EventPosition => ({
  occurredAt: event.occurredAt,
  eventId: event.eventId,
});
