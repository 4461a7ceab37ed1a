import type { OutcomeEvent } from '@leadflow/schemas';

const leadOutcomeTypes = [
  'lead_accepted',
  'lead_rejected',
  'lead_contacted',
  'opportunity_created',
  'deal_won',
  'deal_lost',
  'lead_disqualified',
] as const;

/** What the CRM reports about one lead (campaign spend is not about a lead). */
export type LeadOutcome = Extract<OutcomeEvent, { type: (typeof leadOutcomeTypes)[number] }>;

export const isLeadOutcome = (outcome: OutcomeEvent): outcome is LeadOutcome =>
  (leadOutcomeTypes as readonly string[]).includes(outcome.type);
