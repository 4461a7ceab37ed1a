export { decide } from './decide';
export type { Decision } from './decision';
export { evolve } from './evolve';
export { handoffRulesSchema, parseHandoffRules, type HandoffRules, type ParsedHandoffRules } from './handoffRules';
export type { ApplyScores, FireTimer, LeadCommand, RecordOutcome } from './leadCommand';
export type { LeadEvent } from './leadEvent';
export { leadEventsByTopic, type LeadEventsByTopic } from './leadEventsByTopic';
export {
  initialLeadLifecycleState,
  type LeadLifecycleState,
  type PendingSla,
  type ScoresSnapshot,
} from './leadLifecycleState';
export type { LeadNote } from './leadNote';
export { isLeadOutcome, type LeadOutcome } from './leadOutcome';
export type { LeadTimer, PendingTimer } from './leadTimer';
export { LIFECYCLE_EVENT_NAMESPACE, draftEventId, lifecycleEventId, republishedEventId, retractionEventId } from './lifecycleEventId';
export { nextRotations } from './nextRotations';
export { pendingTimers } from './pendingTimers';
export { FALLBACK_RULE, routeLead } from './routeLead';
export { routingRulesSchema, type RoutingRule, type RoutingRules, type TeamRules } from './routingRules';
export type { RoutingSnapshot } from './routingSnapshot';
export { topicOfLeadEvent, type LeadTopic } from './topicOfLeadEvent';
export { outcomeVerdict, type OutcomeVerdict } from './outcomeVerdict';
export * from './compensation';
export type { KeptAssignment } from './routingSnapshot';
export type { PendingSql } from './leadLifecycleState';
