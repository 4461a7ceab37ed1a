import type { Stage } from '@leadflow/schemas';
import { closePendingSla } from './closePendingSla';
import type { LeadTransition } from './leadEvent';
import type { LeadLifecycleState } from './leadLifecycleState';
import type { LeadOutcome } from './leadOutcome';

const optionalBy = (by: string | undefined) => (by === undefined ? {} : { by });

function contacted(outcome: Extract<LeadOutcome, { type: 'lead_contacted' }>, state: LeadLifecycleState, now: number) {
  const { by, channel } = outcome.payload;
  if (state.sla) return closePendingSla(state, { met: 'lead_contacted', by }, now);
  // Only an accepted lead has a no-activity clock for the contact to restart.
  const noted: LeadTransition = { type: 'sales_activity_noted', payload: { activity: 'lead_contacted', channel, by } };
  return state.stage === 'accepted' ? [noted] : [];
}

/**
 * The events of an outcome the lead's stage allows. Opening an opportunity meets the SLA as an
 * acceptance would: the lead is taken past acceptance, and the SLA contract names no third way.
 */
export function outcomeTransitions(outcome: LeadOutcome, state: LeadLifecycleState, now: number): LeadTransition[] {
  const fromStage: Stage = state.stage;
  switch (outcome.type) {
    case 'lead_accepted': {
      const { by } = outcome.payload;
      const accepted: LeadTransition = { type: 'sales_accepted', payload: { fromStage, ...optionalBy(by) } };
      return [accepted, ...closePendingSla(state, { met: 'lead_accepted', by }, now)];
    }
    case 'lead_contacted':
      return contacted(outcome, state, now);
    case 'lead_rejected': {
      const { reason } = outcome.payload;
      return [
        { type: 'sales_rejected', payload: { fromStage, reason } },
        ...closePendingSla(state, { cancelled: 'rejected by sales' }, now),
        { type: 'lead_recycled', payload: { reason: 'rejected_by_sales', fromStage, detail: reason } },
      ];
    }
    case 'opportunity_created':
      return [
        { type: 'opportunity_opened', payload: { fromStage, amount: outcome.payload.amount } },
        ...closePendingSla(state, { met: 'opportunity_created' }, now),
      ];
    case 'deal_won':
      return [{ type: 'deal_won', payload: { fromStage, amount: outcome.payload.amount } }];
    case 'deal_lost':
      return [{ type: 'deal_lost', payload: { fromStage, reason: outcome.payload.reason } }];
    case 'lead_disqualified':
      return [
        { type: 'lead_disqualified', payload: { fromStage, reason: outcome.payload.reason } },
        ...closePendingSla(state, { cancelled: 'disqualified' }, now),
      ];
    default: {
      const unexpected: never = outcome;
      throw new Error(`unknown outcome ${JSON.stringify(unexpected)}`);
    }
  }
}
