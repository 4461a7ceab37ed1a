import type { Stage } from '@leadflow/schemas';
import type { LeadEvent, LeadTransition } from '../leadEvent';
import { lifecycleEventId } from '../lifecycleEventId';
import { topicOfLeadEvent } from '../topicOfLeadEvent';
import { effectiveEvents } from './effectiveEvents';
import { retractionOf } from './retractionOf';
import { sameDecision } from './sameDecision';

/** Why the published events past the point where the histories part no longer hold, and where the lead ends up. */
export type Compensation = { at: number; reason: string; stage: Stage };

function commonPrefix(published: readonly LeadEvent[], target: readonly LeadEvent[]): number {
  let k = 0;
  while (k < published.length && k < target.length && sameDecision(published[k] as LeadEvent, target[k] as LeadEvent)) k++;
  return k;
}

/**
 * The events to append to a lead's stream so that its net lifecycle becomes `target` (the history
 * decided in event-time order): where the published history parts from it, every effective event
 * after that point is retracted, newest first, at `compensation.at`; then the rest of the target
 * follows. Each appended event is numbered by its position in the stream, so the same stream and
 * target always give the same ids. Notes are never published and take no part.
 */
export function reconcileLead(
  leadId: string,
  stream: readonly LeadEvent[],
  target: readonly LeadEvent[],
  compensation: Compensation,
): LeadEvent[] {
  const effective = effectiveEvents(stream);
  const wanted = target.filter((e) => topicOfLeadEvent(e) !== undefined);
  const k = commonPrefix(effective, wanted);
  const retractions = effective
    .slice(k)
    .reverse()
    .map((e) => ({ occurredAt: compensation.at, ...retractionOf(e, compensation.reason, compensation.stage) }));
  const additions = wanted.slice(k).map(({ type, payload, occurredAt }) => ({ type, payload, occurredAt }) as LeadTransition & { occurredAt: number });
  return [...retractions, ...additions].map(
    (t, i) => ({ ...t, eventId: lifecycleEventId(leadId, t.type, stream.length + i), leadId }) as LeadEvent,
  );
}
