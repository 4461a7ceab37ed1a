import type { LifecycleEvent, RecycledEvent, SlaEvent } from '@leadflow/schemas';
import type { LeadEvent } from './leadEvent';
import { topicOfLeadEvent } from './topicOfLeadEvent';

export type LeadEventsByTopic = { lifecycle: LifecycleEvent[]; sla: SlaEvent[]; recycled: RecycledEvent[] };

/** The events to publish, per topic, in stream order; notes stay in the stream. */
export function leadEventsByTopic(events: readonly LeadEvent[]): LeadEventsByTopic {
  const byTopic: LeadEventsByTopic = { lifecycle: [], sla: [], recycled: [] };
  for (const event of events) {
    const topic = topicOfLeadEvent(event);
    // The switch in topicOfLeadEvent pairs each type with its topic, so the event fits that list.
    if (topic) (byTopic[topic] as LeadEvent[]).push(event);
  }
  return byTopic;
}
