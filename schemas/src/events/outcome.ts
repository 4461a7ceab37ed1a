import { z } from 'zod';
import { money, timestampMillis } from './common';
import { personal } from './personal';
import { text } from './text';

/** Why, in the rep's words: free text that may name or describe people, so personal (sealed per lead). */
const reason = personal(text({ min: 1, max: 512 }));
/** Who at sales: a person, so personal (sealed per lead). */
const salesRep = (min?: number) => personal(text({ min, max: 256 }));

/** Payloads of `leads.outcome.v2` (sales outcomes from the CRM, and campaign spend), by event type, as posted (personal fields in plaintext). */
export const outcomePayloads = {
  lead_accepted: z.object({ by: salesRep().optional() }),
  lead_rejected: z.object({ reason }),
  lead_contacted: z.object({ channel: text({ min: 1, max: 64 }), by: salesRep(1) }),
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
