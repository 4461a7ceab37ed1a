import type { Pool } from 'pg';
import { inTransaction } from '@leadflow/kit';
import { pruneHeldActivity } from '../stitching/pruneHeldActivity';
import { appliedFloorAt, retentionStreamTime } from './appliedFloor';
import { deleteAppliedIdsBefore } from './deleteAppliedIdsBefore';
import { latestEventTime } from './latestEventTime';
import { raiseAppliedFloor } from './raiseAppliedFloor';
import type { PrunedRows, ScoringRetention } from './scoringRetention';

/**
 * One pruning step of scoring's internal tables, each statement its own short transaction: raises
 * the applied ids floor with the stream, then deletes one chunk of applied ids below it and one
 * chunk of held visitor activity past its bound (with the rows of visitors left with none).
 */
export async function pruneScoringTables(pool: Pool, retention: ScoringRetention, nowMs: number): Promise<PrunedRows> {
  const latest = await latestEventTime(pool);
  if (latest === undefined) return { scoring_applied_events: 0, visitor_activity: 0 };
  const streamTime = retentionStreamTime(latest, nowMs);
  const floor = await inTransaction(pool, (tx) => raiseAppliedFloor(tx, appliedFloorAt(retention.appliedIds, streamTime)));
  return {
    scoring_applied_events: await inTransaction(pool, (tx) => deleteAppliedIdsBefore(tx, floor, retention.chunk)),
    visitor_activity: await inTransaction(pool, (tx) => pruneHeldActivity(tx, streamTime, retention.heldActivity, retention.chunk)),
  };
}
