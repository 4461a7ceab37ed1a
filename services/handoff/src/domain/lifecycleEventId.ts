import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace of lifecycle event ids; changing it would re-publish every transition on replay. */
export const LIFECYCLE_EVENT_NAMESPACE = '6f1d3c52-8a47-4e0b-9a52-3f0c7d2e9b14';

/** The same lead, type and transition number always give the same id, so redelivery publishes nothing new. */
export function lifecycleEventId(leadId: string, type: string, transition: number): string {
  return uuidv5(`${leadId}/${type}/${transition}`, LIFECYCLE_EVENT_NAMESPACE);
}
