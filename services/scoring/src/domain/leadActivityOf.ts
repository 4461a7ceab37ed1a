import type { ActivityEvent, LeadActivityEvent } from '@leadflow/schemas';

/**
 * The event as its lead's activity, when the event itself names the lead: it carries a lead id, or
 * it is the identification (which belongs to the lead it names). Such events need no stitching, so
 * the fold takes them straight from the topic they entered on; an event only a visitor id names has
 * none and reaches the fold through stitching, re-keyed. Events already re-keyed pass unchanged.
 */
export function leadActivityOf(event: ActivityEvent | LeadActivityEvent): LeadActivityEvent | undefined {
  if (event.type === 'lead_identified') return event.leadId === event.payload.leadId ? (event as LeadActivityEvent) : { ...event, leadId: event.payload.leadId };
  return event.leadId === undefined ? undefined : (event as LeadActivityEvent);
}
