import type { Pool } from 'pg';
import { inTransaction, type PartitionWatermark } from '@leadflow/kit';
import type { LeadCommand, LeadTimer } from '../domain';
import { claimDueTimers } from '../db/claimDueTimers';
import { decideForLeads, type DecideDeps } from '../kafka/decideForLeads';

/**
 * Fires the timers due at `nowMs` for leads nothing else has arrived for, once the lead's partition
 * of every input topic has passed the due time in event time (`watermarks`): claims them (skipping
 * rows in use), decides `FireTimer` at each timer's own due time, and commits the events with the
 * leads' new timers. A crash before the commit leaves the timers in place to fire again with the
 * same deterministic ids; after it, the fired timers are gone. Returns how many fired.
 */
export async function fireDueTimers(pool: Pool, deps: DecideDeps, nowMs: number, limit: number, watermarks: PartitionWatermark[]): Promise<number> {
  return inTransaction(pool, async (tx) => {
    const due = await claimDueTimers(tx, nowMs, limit, watermarks);
    if (due.length === 0) return 0;
    const commands: LeadCommand[] = due.map((t) => ({
      type: 'FireTimer',
      leadId: t.leadId,
      timer: t.timer as LeadTimer,
      dueAt: t.dueAt,
      now: t.dueAt,
    }));
    await decideForLeads(tx, commands.map((command) => ({ command })), deps);
    return due.length;
  });
}
