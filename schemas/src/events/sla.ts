import { z } from 'zod';
import { timestampMillis } from './common';
import { crmText, retraction } from './lifecycle';

const owner = z.string().max(256);
const attempt = z.int().min(1).max(100);

/** Payloads of `leads.sla.v1` (the follow-up clock of sales-qualified leads), by event type. */
export const slaPayloads = {
  sla_started: z.object({ owner, team: z.string(), deadline: timestampMillis, grade: z.string(), attempt }),
  sla_met: z.object({ owner, metBy: z.enum(['lead_contacted', 'lead_accepted', 'opportunity_created']), by: crmText.optional(), elapsedMs: z.int().min(0) }),
  sla_breached: z.object({ owner, deadline: timestampMillis, attempt }),
  sla_cancelled: z.object({ owner, reason: z.string() }),
  sla_retracted: z
    .object(retraction)
    .describe('Compensating: undoes an SLA event (a start, a breach decided on a partial history, ...) that no longer holds.'),
};
