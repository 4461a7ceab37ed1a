export { handoffConfigSchema, type HandoffConfig } from './config';
export { startHandoff, loadHandoffRules } from './startHandoff';
export * from './domain';
export { writeRulesWithSla } from './writeRulesWithSla';
