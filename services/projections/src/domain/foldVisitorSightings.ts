import type { EngagementEvent, IdentityEvent } from '@leadflow/schemas';
import { attributionOf } from './attributionOf';

/** What a batch says about one visitor: when and where it was first seen, and the lead it became. */
export interface VisitorSighting {
  /** The anonymous id; a lead's own id when a lead started a visit without one. */
  subjectId: string;
  firstSeenAt: number;
  firstCampaign: string | null;
  firstSource: string;
  becameLeadId: string | null;
  identifiedAt: number | null;
}

export type VisitEvent = EngagementEvent | IdentityEvent;

/** Who an event shows visiting, and the lead they are known as, if any; null for anything else. */
function visitorOf(event: VisitEvent): { subjectId: string; leadId: string | null } | null {
  if (event.type === 'lead_identified') return { subjectId: event.payload.anonymousId, leadId: event.payload.leadId };
  if (event.anonymousId) return { subjectId: event.anonymousId, leadId: event.leadId ?? null };
  if (event.type === 'session_started' && event.leadId) return { subjectId: event.leadId, leadId: event.leadId };
  return null;
}

function sightingOf(event: VisitEvent): VisitorSighting | null {
  const visitor = visitorOf(event);
  if (!visitor) return null;
  const { campaign, source } = attributionOf(event.context, event.source);
  return {
    subjectId: visitor.subjectId,
    firstSeenAt: event.occurredAt,
    firstCampaign: campaign,
    firstSource: source,
    becameLeadId: visitor.leadId,
    identifiedAt: visitor.leadId === null ? null : event.occurredAt,
  };
}

function merge(a: VisitorSighting, b: VisitorSighting): VisitorSighting {
  const first = b.firstSeenAt < a.firstSeenAt ? b : a;
  const identified = b.identifiedAt !== null && (a.identifiedAt === null || b.identifiedAt < a.identifiedAt) ? b : a;
  return {
    subjectId: a.subjectId,
    firstSeenAt: first.firstSeenAt,
    firstCampaign: first.firstCampaign,
    firstSource: first.firstSource,
    becameLeadId: identified.becameLeadId,
    identifiedAt: identified.identifiedAt,
  };
}

/**
 * Visits for lead capture conversion: every event of an anonymous visitor, a visit a known lead
 * starts, and an identification, which turns a visitor into a lead. Anything else is skipped.
 */
export function foldVisitorSightings(events: readonly VisitEvent[]): VisitorSighting[] {
  const bySubject = new Map<string, VisitorSighting>();
  for (const event of events) {
    const sighting = sightingOf(event);
    if (!sighting) continue;
    const seen = bySubject.get(sighting.subjectId);
    bySubject.set(sighting.subjectId, seen ? merge(seen, sighting) : sighting);
  }
  return [...bySubject.values()];
}
