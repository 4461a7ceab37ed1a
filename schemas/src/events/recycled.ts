import { z } from 'zod';
import { retraction, stages } from './lifecycle';

export const recycleReasons = ['rejected_by_sales', 'no_sales_activity', 'decayed', 'sla_breached'] as const;
export type RecycleReason = (typeof recycleReasons)[number];

/** Payloads of `leads.recycled.v1`, by event type. */
export const recycledPayloads = {
  lead_recycled: z.object({
    reason: z.enum(recycleReasons),
    fromStage: z.enum(stages),
    /** Rejected by sales: the rep's reason as its envelope (sealed); otherwise what the timer saw. */
    detail: z.string().max(12_000).optional(),
  }),
  lead_recycle_retracted: z
    .object(retraction)
    .describe('Compensating: undoes a recycling that no longer holds once the lead is re-decided in event-time order.'),
};
