import type { HeldActivityBound } from '../stitching/heldActivityBound';
import type { AppliedIdsBound } from './appliedFloor';

/** The bounds of scoring's internal tables, and how much one statement deletes. */
export interface ScoringRetention {
  appliedIds: AppliedIdsBound;
  heldActivity: HeldActivityBound;
  /** Rows deleted per statement (each its own short transaction). */
  chunk: number;
}

/** Rows deleted by one pruning step, by table. */
export interface PrunedRows {
  scoring_applied_events: number;
  visitor_activity: number;
}
