import type { Stage } from '@leadflow/schemas';
import type { LeadEvent } from '../leadEvent';
import { lifecycleEventId, republishedEventId, retractionEventId } from '../lifecycleEventId';
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
 * The content id of each event of `target` (a lead's history): its lead, type and event time, and its
 * rank among the target's events of that type at that time.
 */
function baseIdsOf(leadId: string, target: readonly LeadEvent[]): string[] {
  const seen = new Map<string, number>();
  return target.map((e) => {
    const key = `${e.type}/${e.occurredAt}`;
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return lifecycleEventId(leadId, e.type, e.occurredAt, rank);
  });
}

/** The first generation of `baseId` not taken yet: how many times that decision was already published. */
function nextGeneration(baseId: string, taken: ReadonlySet<string>): string {
  let generation = 0;
  while (taken.has(republishedEventId(baseId, generation))) generation++;
  return republishedEventId(baseId, generation);
}

/**
 * The events to append to a lead's stream so that its net lifecycle becomes `target` (the history
 * decided in event-time order): where the published history parts from it, every effective event
 * after that point is retracted, newest first, at `compensation.at`; then the rest of the target
 * follows. Notes are never published and take no part.
 *
 * Ids come from content, never from positions in the stream: a decision's id derives from the lead,
 * its type, its event time and its rank among the target's events of that type and time; when an
 * event with that id is already in the stream (the decision was published, retracted, and is
 * published again), the next generation of it is taken. A compensating event's id derives from the
 * id of the event it undoes. So a lead whose inputs need no detour gets the same ids in any run, and
 * the same stream and target always give the same ids.
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
    .map((e) => ({ eventId: retractionEventId(e.eventId), leadId, occurredAt: compensation.at, ...retractionOf(e, compensation.reason, compensation.stage) }) as LeadEvent);
  const taken = new Set([...stream, ...retractions].map((e) => e.eventId));
  const baseIds = baseIdsOf(leadId, wanted);
  const additions = wanted.slice(k).map(({ type, payload, occurredAt }, i) => {
    const eventId = nextGeneration(baseIds[k + i] as string, taken);
    taken.add(eventId);
    return { type, payload, occurredAt, eventId, leadId } as LeadEvent;
  });
  return [...retractions, ...additions];
}
