import { z } from 'zod';
import { timestampMillis } from './common';

const owner = z.string().max(256);

/** Payloads of `leads.sla.v1` (follow-up timers), by event type. */
export const slaPayloads = {
  sla_started: z.object({ owner, deadline: timestampMillis, grade: z.string() }),
  sla_met: z.object({ owner, metBy: z.string(), elapsedMs: z.int().min(0) }),
  sla_breached: z.object({ owner, deadline: timestampMillis, breachCount: z.int().min(1).max(100) }),
};
