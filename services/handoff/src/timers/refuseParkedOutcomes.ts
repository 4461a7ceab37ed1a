import type { Pool } from 'pg';
import { inTransaction, type DeadLetterPublisher } from '@leadflow/kit';
import { loadParkedOutcomes } from '../db/parkedOutcomes';
import { decideForLeads, type DecideDeps } from '../kafka/decideForLeads';

/**
 * Once every input has been applied, a parked outcome can no longer be waiting for the scores that
 * make it valid: it is decided for good, and refused to the dead-letter topic with its reason
 * when the lead's state still does not allow it. Returns how many were settled.
 */
export async function refuseParkedOutcomes(pool: Pool, deps: DecideDeps, deadLetters: DeadLetterPublisher, limit: number): Promise<number> {
  return inTransaction(pool, async (tx) => {
    const parked = await loadParkedOutcomes(tx, 'all', limit);
    if (parked.length === 0) return 0;
    const inputs = parked.map(({ outcome, origin }) => ({
      command: { type: 'RecordOutcome', leadId: outcome.leadId as string, outcome, now: outcome.occurredAt } as const,
      origin,
    }));
    const refused = await decideForLeads(tx, inputs, deps, { final: true });
    await deadLetters.publish(refused);
    return parked.length;
  });
}
