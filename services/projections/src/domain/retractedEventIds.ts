import type { LifecycleEvent, RecycledEvent, SlaEvent } from '@leadflow/schemas';

type LeadOutput = LifecycleEvent | RecycledEvent | SlaEvent;

/** The leads and events a batch's compensating events retract: hand-off re-decided them in event-time order. */
export function retractedEventIds(events: readonly LeadOutput[]): { leadIds: string[]; eventIds: string[] } {
  const retractions = events.flatMap((e) =>
    e.type === 'lead_qualification_retracted' ||
    e.type === 'lead_transition_retracted' ||
    e.type === 'lead_recycle_retracted' ||
    e.type === 'sla_retracted'
      ? [e]
      : [],
  );
  return {
    leadIds: [...new Set(retractions.map((e) => e.leadId))],
    eventIds: retractions.map((e) => e.payload.retractedEventId),
  };
}
