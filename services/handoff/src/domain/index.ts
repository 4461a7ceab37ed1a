export { decide } from './decide';
export { evolve } from './evolve';
export { handoffRulesSchema, parseHandoffRules, type HandoffRules, type ParsedHandoffRules } from './handoffRules';
export type { ApplyScores, LeadCommand } from './leadCommand';
export { initialLeadLifecycleState, type LeadLifecycleState, type ScoresSnapshot } from './leadLifecycleState';
export { LIFECYCLE_EVENT_NAMESPACE, lifecycleEventId } from './lifecycleEventId';
