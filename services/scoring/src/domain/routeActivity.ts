import type { ActivityEvent, LeadActivityEvent } from '@leadflow/schemas';

export interface Identification {
  anonymousId: string;
  leadId: string;
  at: number;
}

export interface ActivityRoutes {
  /** Visitor activity re-keyed by the lead the visitor became (events naming their lead reach the fold directly). */
  forward: LeadActivityEvent[];
  /** Activity of visitors not identified yet: held until they are. */
  hold: ActivityEvent[];
  /** Visitors identified by this batch: their held activity now belongs to the lead. */
  identified: Identification[];
}

/**
 * Decides where each activity event only a visitor names goes, given which lead each known visitor
 * became: re-keyed by that lead, or held until the visitor is identified. Events that name their
 * lead (see `leadActivityOf`) are the fold's to take straight from their topic; of them only
 * identifications matter here. The first identification of a visitor wins; a later one for another
 * lead still counts for that lead (the fold takes it), but the visitor's history stays with the first.
 */
export function routeActivity(events: readonly ActivityEvent[], visitors: ReadonlyMap<string, string | null>): ActivityRoutes {
  const leadOf = new Map(visitors);
  const routes: ActivityRoutes = { forward: [], hold: [], identified: [] };
  for (const event of events) {
    if (event.type === 'lead_identified') {
      const { anonymousId, leadId } = event.payload;
      if (!leadOf.get(anonymousId)) {
        leadOf.set(anonymousId, leadId);
        routes.identified.push({ anonymousId, leadId, at: event.occurredAt });
      }
    } else if (event.leadId === undefined) {
      routes.hold.push(event);
    }
  }
  const held = routes.hold;
  routes.hold = [];
  for (const event of held) {
    const leadId = leadOf.get(event.anonymousId ?? '');
    if (leadId) routes.forward.push({ ...event, leadId });
    else routes.hold.push(event);
  }
  return routes;
}
