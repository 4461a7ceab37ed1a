import type { Stage } from '@leadflow/schemas';
import { stageAfter, type StageEvent } from './stageAfter';
import { supersedesStage } from './stageOrder';

export { stageAfter, type StageEvent } from './stageAfter';

/**
 * A lead's stage facts folded from a batch of lifecycle and recycle events. Every field merges with
 * what is stored by a rule that ignores order and repetition: the latest stage change (ties broken
 * by stage order), the earliest time each stage was reached (the latest for recycling), the latest
 * assignment. So a batch applied twice, or batches applied out of order, leave the same row.
 */
export interface StageChange {
  leadId: string;
  /** The stage after the batch's latest stage change, if any. */
  stage: Stage | null;
  stageChangedAt: number | null;
  mqlAt: number | null;
  sqlAt: number | null;
  /** Accepted by sales, or an opportunity opened straight from SQL (which accepts it too). */
  acceptedAt: number | null;
  opportunityAt: number | null;
  wonAt: number | null;
  lostAt: number | null;
  disqualifiedAt: number | null;
  /** The latest recycling. */
  recycledAt: number | null;
  /** Amount of the first opportunity, and of the first won deal. */
  opportunityAmount: number | null;
  wonAmount: number | null;
  gradeAtMql: string | null;
  gradeAtSql: string | null;
  owner: string | null;
  team: string | null;
  assignedAt: number | null;
  doNotContact: boolean;
}

type Milestone = 'mqlAt' | 'sqlAt' | 'acceptedAt' | 'opportunityAt' | 'wonAt' | 'lostAt' | 'disqualifiedAt';

export const noStageChange = (leadId: string): StageChange => ({
  leadId,
  stage: null,
  stageChangedAt: null,
  mqlAt: null,
  sqlAt: null,
  acceptedAt: null,
  opportunityAt: null,
  wonAt: null,
  lostAt: null,
  disqualifiedAt: null,
  recycledAt: null,
  opportunityAmount: null,
  wonAmount: null,
  gradeAtMql: null,
  gradeAtSql: null,
  owner: null,
  team: null,
  assignedAt: null,
  doNotContact: false,
});

/** Records `at` as the time of a milestone when it is the first; says whether it was. */
function reached(change: StageChange, milestone: Milestone, at: number): boolean {
  const current = change[milestone];
  if (current !== null && current <= at) return false;
  change[milestone] = at;
  return true;
}

function assign(change: StageChange, at: number, owner: string, team: string): void {
  if (change.assignedAt !== null && change.assignedAt > at) return;
  Object.assign(change, { owner, team, assignedAt: at });
}

function applyFacts(change: StageChange, event: StageEvent): void {
  const at = event.occurredAt;
  switch (event.type) {
    case 'lead_qualified_mql':
      if (reached(change, 'mqlAt', at)) change.gradeAtMql = event.payload.grade;
      return;
    case 'lead_qualified_sql': {
      if (reached(change, 'sqlAt', at)) change.gradeAtSql = event.payload.grade;
      const { assignment } = event.payload;
      if (assignment) assign(change, at, assignment.owner, assignment.team);
      return;
    }
    case 'lead_assigned':
      return assign(change, at, event.payload.owner, event.payload.team);
    case 'sales_accepted':
      reached(change, 'acceptedAt', at);
      return;
    case 'opportunity_opened':
      if (event.payload.fromStage === 'sql') reached(change, 'acceptedAt', at);
      if (reached(change, 'opportunityAt', at)) change.opportunityAmount = event.payload.amount;
      return;
    case 'deal_won':
      if (reached(change, 'wonAt', at)) change.wonAmount = event.payload.amount;
      return;
    case 'deal_lost':
      reached(change, 'lostAt', at);
      return;
    case 'lead_disqualified':
      reached(change, 'disqualifiedAt', at);
      return;
    case 'lead_recycled':
      change.recycledAt = Math.max(change.recycledAt ?? at, at);
      return;
    case 'lead_marked_do_not_contact':
      change.doNotContact = true;
      return;
    case 'lead_requalified':
    case 'sales_rejected':
    case 'lead_erased':
    case 'lead_qualification_retracted':
    case 'lead_transition_retracted':
    case 'lead_recycle_retracted':
      return;
    default: {
      const unhandled: never = event;
      throw new TypeError(`unhandled lifecycle event ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Folds a batch of lifecycle and recycle events into one stage change per lead. */
export function foldStageChanges(events: readonly StageEvent[]): StageChange[] {
  const byLead = new Map<string, StageChange>();
  for (const event of events) {
    const change = byLead.get(event.leadId) ?? noStageChange(event.leadId);
    const stage = stageAfter(event);
    if (stage && supersedesStage(event.occurredAt, stage, change.stageChangedAt, change.stage)) {
      Object.assign(change, { stage, stageChangedAt: event.occurredAt });
    }
    applyFacts(change, event);
    byLead.set(event.leadId, change);
  }
  return [...byLead.values()];
}
