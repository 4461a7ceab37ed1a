export { handoffConfigSchema, type HandoffConfig } from './config';
export { startHandoff, loadHandoffRules } from './startHandoff';
export { handoffGroups } from './consumerGroups';
export { handoffOutbox, HANDOFF_SERVICE } from './handoffOutbox';
export * from './domain';
export { writeRulesWithSla } from './writeRulesWithSla';
export * from './erasure';
