export { scoringConfigSchema, type ScoringConfig } from './config';
export { startScoring, loadScoringModel } from './startScoring';
export { scoringGroups } from './consumerGroups';
export { scoringRoles, type ScoringRole } from './scoringRoles';
export * from './domain';
// Re-scoring (`leadflow rescore`) stores and publishes through the live service's own steps.
export { scoresOf } from './kafka/scoresOf';
export { competitorRevealer } from './kafka/revealCompetitors';
export { saveLeads } from './db/saveLeads';
export { claimEventIds } from './db/claimEventIds';
export { scoringMigrations } from './db/migrations';
