import type { PoolClient } from 'pg';
import { insertLeadTransitions } from '../db/insertLeadTransitions';
import { refreshRequalifiedCounts } from '../db/refreshRequalifiedCounts';
import { upsertStageChanges } from '../db/upsertStageChanges';
import { foldStageChanges, leadTransitionsOf, type StageEvent } from '../domain';

/**
 * Lifecycle and recycle events: the transitions, the leads' rows (which locks them), then the
 * re-qualification counts from the transitions.
 */
export async function projectStageEvents(tx: PoolClient, events: StageEvent[]): Promise<void> {
  const changes = foldStageChanges(events);
  await insertLeadTransitions(tx, leadTransitionsOf(events));
  await upsertStageChanges(tx, changes);
  await refreshRequalifiedCounts(tx, changes.map((c) => c.leadId));
}
