import { z } from 'zod';
import { money, timestampMillis } from './common';
import { text } from './text';

const reason = text({ min: 1, max: 512 });

/** Payloads of `leads.outcome.v2` (sales outcomes from the CRM, and campaign spend), by event type. */
export const outcomePayloads = {
  lead_accepted: z.object({ by: text({ max: 256 }).optional() }),
  lead_rejected: z.object({ reason }),
  lead_contacted: z.object({ channel: text({ min: 1, max: 64 }), by: text({ min: 1, max: 256 }) }),
  opportunity_created: z.object({ amount: money }),
  deal_won: z.object({ amount: money }),
  deal_lost: z.object({ reason }),
  lead_disqualified: z.object({ reason }),
  campaign_cost_recorded: z.object({
    campaignId: text({ min: 1, max: 256 }),
    amount: money,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    from: timestampMillis,
    to: timestampMillis,
  }),
};
