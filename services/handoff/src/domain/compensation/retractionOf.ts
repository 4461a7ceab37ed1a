import type { Stage } from '@leadflow/schemas';
import type { LeadEvent, LeadTransition } from '../leadEvent';
import { topicOfLeadEvent } from '../topicOfLeadEvent';

type Retraction = Extract<
  LeadEvent,
  { type: 'lead_qualification_retracted' | 'lead_transition_retracted' | 'sla_retracted' | 'lead_recycle_retracted' }
>;

export const isRetraction = (event: LeadEvent): event is Retraction =>
  event.type === 'lead_qualification_retracted' ||
  event.type === 'lead_transition_retracted' ||
  event.type === 'sla_retracted' ||
  event.type === 'lead_recycle_retracted';

/**
 * The compensating event that undoes a published event, on the topic the event was published on,
 * so a CRM reading one topic learns of every retraction it needs. `stage` is where the lead stands
 * once the whole re-decision is applied.
 */
export function retractionOf(event: LeadEvent, reason: string, stage: Stage): LeadTransition {
  const retraction = { retractedEventId: event.eventId, reason, stage };
  if (event.type === 'lead_qualified_mql' || event.type === 'lead_qualified_sql')
    return { type: 'lead_qualification_retracted', payload: { ...retraction, retractedType: event.type } };
  const topic = topicOfLeadEvent(event);
  const payload = { ...retraction, retractedType: event.type };
  switch (topic) {
    case 'lifecycle':
      return { type: 'lead_transition_retracted', payload };
    case 'sla':
      return { type: 'sla_retracted', payload };
    case 'recycled':
      return { type: 'lead_recycle_retracted', payload };
    case undefined:
      throw new Error(`${event.type} is never published, so it is never retracted`);
    default: {
      const unexpected: never = topic;
      throw new Error(`unknown topic ${String(unexpected)}`);
    }
  }
}
