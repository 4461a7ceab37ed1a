import type { Stage } from '@leadflow/schemas';
import type { LeadTransition } from './leadEvent';
import type { LeadLifecycleState } from './leadLifecycleState';
import type { LeadOutcome } from './leadOutcome';
import { outcomeTransitions } from './outcomeTransitions';

export type OutcomeVerdict = { transitions: LeadTransition[] } | { refusal: string };

type Rule = { from: readonly Stage[]; alreadyAt: readonly Stage[] };

const notWithSales: readonly Stage[] = ['lead', 'mql', 'recycled'];
const closed: readonly Stage[] = ['won', 'lost', 'disqualified'];

/** The stages an outcome moves a lead from, and those where it is a repeat that changes nothing. */
const rules: Record<LeadOutcome['type'], Rule> = {
  lead_accepted: { from: ['sql'], alreadyAt: ['accepted', 'opportunity'] },
  lead_contacted: { from: ['sql', 'accepted', 'opportunity'], alreadyAt: [] },
  lead_rejected: { from: ['sql', 'accepted'], alreadyAt: [] },
  opportunity_created: { from: ['sql', 'accepted'], alreadyAt: ['opportunity'] },
  deal_won: { from: ['opportunity'], alreadyAt: ['won'] },
  deal_lost: { from: ['opportunity'], alreadyAt: ['lost'] },
  // The CRM may disqualify a lead it holds at any stage, before sales had it too.
  lead_disqualified: { from: ['lead', 'mql', 'sql', 'accepted', 'opportunity', 'recycled'], alreadyAt: ['disqualified'] },
};

const isRepeat = ({ type }: LeadOutcome, state: LeadLifecycleState): boolean =>
  rules[type].alreadyAt.includes(state.stage) ||
  (type === 'lead_rejected' && state.stage === 'recycled' && state.recycledReason === 'rejected_by_sales');

function refusalOf({ type }: LeadOutcome, leadId: string, stage: Stage): string {
  if (notWithSales.includes(stage)) return `${type} refused: sales never received lead ${leadId} (stage ${stage})`;
  if (closed.includes(stage)) return `${type} refused: lead ${leadId} is closed (stage ${stage})`;
  return `${type} refused: lead ${leadId} is at stage ${stage}, expected ${rules[type].from.join(' or ')}`;
}

/**
 * Whether the CRM's outcome fits the lead's stage. A repeat (a redelivery, or a CRM echoing what it
 * sent) changes nothing; an outcome for a lead sales never had, or one already closed, is refused
 * with its reason so that it can be dead-lettered, and the lead's stream is left as it is.
 */
export function outcomeVerdict(
  outcome: LeadOutcome,
  state: LeadLifecycleState,
  leadId: string,
  now: number,
): OutcomeVerdict {
  if (isRepeat(outcome, state)) return { transitions: [] };
  if (!rules[outcome.type].from.includes(state.stage)) return { refusal: refusalOf(outcome, leadId, state.stage) };
  return { transitions: outcomeTransitions(outcome, state, now) };
}
