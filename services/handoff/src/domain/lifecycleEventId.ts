import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace of lifecycle event ids; changing it would re-publish every transition on replay. */
export const LIFECYCLE_EVENT_NAMESPACE = '6f1d3c52-8a47-4e0b-9a52-3f0c7d2e9b14';

/**
 * The id of a decision from what it is: the lead, its type, its event time and its rank among the
 * lead's decisions of that type at that time. The same inputs give the same ids, whatever arrival
 * order or detours led to them, so redelivery and replay publish nothing new.
 */
export function lifecycleEventId(leadId: string, type: string, occurredAt: number, rank: number): string {
  return uuidv5(`${leadId}/${type}/${occurredAt}/${rank}`, LIFECYCLE_EVENT_NAMESPACE);
}

/**
 * The id of the `generation`-th publication of a decision whose first publication had `baseId`: a
 * decision published again after its retraction gets a new id, and generation 0 is the base id.
 */
export const republishedEventId = (baseId: string, generation: number): string =>
  generation === 0 ? baseId : uuidv5(`${baseId}/republished/${generation}`, LIFECYCLE_EVENT_NAMESPACE);

/** The id of the compensating event that undoes `retractedEventId` (an event is retracted at most once). */
export const retractionEventId = (retractedEventId: string): string => uuidv5(`${retractedEventId}/retracted`, LIFECYCLE_EVENT_NAMESPACE);

/**
 * The id of a decision while a history is being decided (from scratch, so a function of the inputs):
 * numbered by the decisions before it. What is published gets its id from `lifecycleEventId` instead.
 */
export const draftEventId = (leadId: string, type: string, ordinal: number): string => uuidv5(`${leadId}/${type}/${ordinal}`, LIFECYCLE_EVENT_NAMESPACE);
