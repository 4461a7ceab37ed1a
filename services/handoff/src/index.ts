export { handoffConfigSchema, type HandoffConfig } from './config';
export { startHandoff, loadHandoffRules } from './startHandoff';
export { handoffGroups } from './consumerGroups';
export * from './domain';
export { writeRulesWithSla } from './writeRulesWithSla';
export * from './erasure';
