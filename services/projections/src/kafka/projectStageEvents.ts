import type { PoolClient } from 'pg';
import { deleteRetractedFacts } from '../db/deleteRetractedFacts';
import { insertLeadTransitions } from '../db/insertLeadTransitions';
import { refreshMilestones } from '../db/refreshMilestones';
import { refreshRequalifiedCounts } from '../db/refreshRequalifiedCounts';
import { upsertStageChanges } from '../db/upsertStageChanges';
import { foldStageChanges, leadTransitionsOf, retractedEventIds, type StageEvent } from '../domain';

/**
 * Lifecycle and recycle events: the transitions (without those compensating events retracted), the
 * leads' rows (which locks them), then the re-qualification counts and, where something was
 * retracted, the milestones from the transitions that remain.
 */
export async function projectStageEvents(tx: PoolClient, events: StageEvent[]): Promise<void> {
  const changes = foldStageChanges(events);
  const retracted = retractedEventIds(events);
  await insertLeadTransitions(tx, leadTransitionsOf(events));
  await deleteRetractedFacts(tx, retracted.eventIds);
  await upsertStageChanges(tx, changes);
  await refreshRequalifiedCounts(tx, changes.map((c) => c.leadId));
  await refreshMilestones(tx, retracted.leadIds);
}
