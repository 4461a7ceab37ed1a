import type { LeadScored } from '@leadflow/schemas';
import type { LeadOutcome } from './leadOutcome';
import type { LeadTimer } from './leadTimer';

// Every command carries its own time; the decider never reads a clock.

/** New scores, as published on `leads.scores.v2`; `now` is `scores.evaluatedAt`. */
export type ApplyScores = { type: 'ApplyScores'; leadId: string; scores: LeadScored; now: number };

/** A sales outcome from the CRM, on `leads.outcome.v2`; `now` is `outcome.occurredAt`. */
export type RecordOutcome = { type: 'RecordOutcome'; leadId: string; outcome: LeadOutcome; now: number };

/**
 * The wall clock reached `now` while nothing arrived for the lead. Every timer due by then fires,
 * at its own due time; one no longer pending (or due at another time) fires nothing.
 */
export type FireTimer = { type: 'FireTimer'; leadId: string; timer: LeadTimer; dueAt: number; now: number };

export type LeadCommand = ApplyScores | RecordOutcome | FireTimer;
