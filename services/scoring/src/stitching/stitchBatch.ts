import type { BatchHandler, Codecs, Outbox } from '@leadflow/kit';
import type { ActivityEvent, LeadActivityEvent } from '@leadflow/schemas';
import { routeActivity } from '../domain';
import type { HeldActivityBound } from './heldActivityBound';
import { holdVisitorActivity } from './holdVisitorActivity';
import { lockVisitors } from './lockVisitors';
import { recordIdentifications } from './recordIdentifications';
import { dropBeyondHorizon, releaseVisitorActivity } from './releaseVisitorActivity';

/**
 * The repartition step of identity stitching: activity only a visitor names leaves on
 * `leads.activity-by-lead.v2` keyed by the lead the visitor became, so one lead's whole history —
 * anonymous sessions and devices included — reaches the fold with no lookup per event. Events that
 * name their lead (and identifications) are not forwarded: the fold reads them from their own topic.
 * Held activity is bounded by `bound` (see heldActivityBound), pruned by the retention ticker.
 */
export function stitchBatch(deps: { outbox: Outbox; codecs: Codecs; bound: HeldActivityBound }): BatchHandler<ActivityEvent> {
  return async (records, tx) => {
    const events = records.map((r) => r.value);
    const visitorIds = events.flatMap((e) => (e.type === 'lead_identified' ? [e.payload.anonymousId] : !e.leadId && e.anonymousId ? [e.anonymousId] : []));
    const routes = routeActivity(events, await lockVisitors(tx, visitorIds));
    const leadOf = new Map(routes.identified.map((i) => [i.anonymousId, i.leadId]));
    await deps.outbox.write(tx, deps.codecs.activityByLead, routes.forward);
    await dropBeyondHorizon(tx, routes.identified, deps.bound);
    for await (const released of releaseVisitorActivity(tx, [...leadOf.keys()], deps.bound)) {
      const forward: LeadActivityEvent[] = released.map((e) => ({ ...e, leadId: leadOf.get(e.anonymousId ?? '') as string }));
      await deps.outbox.write(tx, deps.codecs.activityByLead, forward);
    }
    await recordIdentifications(tx, routes.identified);
    await holdVisitorActivity(tx, routes.hold);
    return [];
  };
}
