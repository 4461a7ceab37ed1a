import type { Assignment, Grade, LeadScored, RecycleReason, Stage } from '@leadflow/schemas';
import type { SqlRoute } from './qualification';

/** The scores behind the last stage change or decay note. */
export type ScoresSnapshot = { scoresEventId: string; evaluatedAt: number; total: number; grade: Grade };

/** The follow-up clock of a sales-qualified lead: who must act, by when, and how many tries so far. */
export type PendingSla = {
  owner: string;
  team: string;
  grade: Grade;
  attempt: number;
  startedAt: number;
  deadline: number;
};

/** A hand-off waiting out its settling window, with the latest scores that qualify it. */
export type PendingSql = { dueAt: number; route: SqlRoute; scores: LeadScored };

export type LeadLifecycleState = {
  leadId: string | undefined;
  stage: Stage;
  doNotContact: boolean;
  /** Events in the lead's stream so far; numbers the next event's deterministic id. */
  transitions: number;
  lastScores?: ScoresSnapshot;
  /** The current owner; kept when the lead is recycled, so its history shows who had it. */
  owner?: Assignment;
  sla?: PendingSla;
  /** An MQL that qualified for sales and is settling before the hand-off. */
  pendingSql?: PendingSql;
  /** Last accept, contact or opportunity: the no-activity recycle counts from here. */
  lastSalesActivityAt?: number;
  /** Since when an MQL's grade has been F: the decay recycle counts from here. */
  decayedSince?: number;
  recycledReason?: RecycleReason;
  recycledAt?: number;
};

export function initialLeadLifecycleState(): LeadLifecycleState {
  return { leadId: undefined, stage: 'lead', doNotContact: false, transitions: 0 };
}
