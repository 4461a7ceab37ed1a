import type { Pool } from 'pg';
import { inTransaction, type DeadLetterPublisher } from '@leadflow/kit';
import { leadsWithHeldOutcomes } from '../db/leadInputs';
import { decideForLeads, type DecideDeps } from '../kafka/decideForLeads';

/**
 * Once every input is applied, outcomes that leads still cannot take are refused for good: to the
 * dead-letter topic with the reason, and out of the leads' inputs. Returns how many leads were settled.
 */
export async function refuseHeldOutcomes(pool: Pool, deps: DecideDeps, deadLetters: DeadLetterPublisher, limit: number): Promise<number> {
  return inTransaction(pool, async (tx) => {
    const leadIds = await leadsWithHeldOutcomes(tx, limit);
    if (leadIds.length === 0) return 0;
    const refused = await decideForLeads(tx, [], deps, { final: true, leadIds });
    await deadLetters.publish(tx, refused);
    return leadIds.length;
  });
}
