import type { LifecycleEvent, RecycledEvent, SlaEvent } from '@leadflow/schemas';
import type { LeadNote } from './leadNote';

/** Everything a lead's stream holds: the published stage, SLA and recycle events, and its own notes. */
export type LeadEvent = LifecycleEvent | SlaEvent | RecycledEvent | LeadNote;

/** A lead event before it is stamped with its id, lead and time. */
export type LeadTransition = {
  [T in LeadEvent['type']]: { type: T; payload: Extract<LeadEvent, { type: T }>['payload'] };
}[LeadEvent['type']];
