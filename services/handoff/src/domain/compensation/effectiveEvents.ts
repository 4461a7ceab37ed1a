import type { LeadEvent } from '../leadEvent';
import { topicOfLeadEvent } from '../topicOfLeadEvent';
import { isRetraction } from './retractionOf';

/**
 * A lead's net lifecycle: its published events, without the compensating events and the events they
 * retracted, in stream order. This is what a CRM that applies every retraction ends up with, and it
 * equals the history decided from the lead's inputs in event-time order. An erasure is no decision
 * from the inputs: it is never re-decided, so never retracted.
 */
export function effectiveEvents(stream: readonly LeadEvent[]): LeadEvent[] {
  const retracted = new Set(stream.flatMap((e) => (isRetraction(e) ? [e.payload.retractedEventId] : [])));
  return stream.filter((e) => topicOfLeadEvent(e) !== undefined && e.type !== 'lead_erased' && !isRetraction(e) && !retracted.has(e.eventId));
}
