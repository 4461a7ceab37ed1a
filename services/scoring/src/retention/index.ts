export { appliedFloorAt, checkAppliedFloor, retentionStreamTime, type AppliedIdsBound } from './appliedFloor';
export { lockAppliedFloor } from './lockAppliedFloor';
export { pruneScoringTables } from './pruneScoringTables';
export { startRetentionTicker } from './startRetentionTicker';
export type { PrunedRows, ScoringRetention } from './scoringRetention';
