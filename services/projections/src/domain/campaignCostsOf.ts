import type { OutcomeEvent } from '@leadflow/schemas';

/** One row of `campaign_costs`: what a campaign cost over a period. */
export interface CampaignCost {
  eventId: string;
  campaignId: string;
  amount: number;
  currency: string;
  periodFrom: number;
  periodTo: number;
  recordedAt: number;
}

/** The campaign spend among CRM outcomes. */
export function campaignCostsOf(outcomes: readonly OutcomeEvent[]): CampaignCost[] {
  return outcomes.flatMap((o) => {
    if (o.type !== 'campaign_cost_recorded') return [];
    const { campaignId, amount, currency, from, to } = o.payload;
    return [{ eventId: o.eventId, campaignId, amount, currency, periodFrom: from, periodTo: to, recordedAt: o.occurredAt }];
  });
}
