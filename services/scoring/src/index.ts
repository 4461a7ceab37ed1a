export { scoringConfigSchema, type ScoringConfig } from './config';
export { startScoring, loadScoringModel } from './startScoring';
export * from './domain';
