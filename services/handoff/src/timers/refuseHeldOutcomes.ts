import type { Pool } from 'pg';
import { inTransaction, keyHashOf, passedOnEveryTopic, type DeadLetterPublisher, type PartitionWatermark } from '@leadflow/kit';
import { leadsWithHeldOutcomes } from '../db/leadInputs';
import { decideForLeads, type DecideDeps } from '../kafka/decideForLeads';

/** Leads looked at per tick: held outcomes are rare, and those whose partitions lag wait at the front. */
const LOOK_AHEAD = 5_000;

/**
 * Outcomes a lead still cannot take are refused for good once the lead's partition of every input
 * topic has passed, in event time, the latest of them: every score the lead had by then has been
 * applied, so the state those outcomes wait for is not coming. To the dead-letter topic with the
 * reason, and out of the leads' inputs. Returns how many leads were settled.
 */
export async function refuseHeldOutcomes(pool: Pool, deps: DecideDeps, deadLetters: DeadLetterPublisher, limit: number, watermarks: PartitionWatermark[]): Promise<number> {
  const held = await leadsWithHeldOutcomes(pool, LOOK_AHEAD);
  const leadIds = held.filter((h) => passedOnEveryTopic(watermarks, keyHashOf(h.leadId), h.latestAt)).slice(0, limit).map((h) => h.leadId);
  if (leadIds.length === 0) return 0;
  return inTransaction(pool, async (tx) => {
    const refused = await decideForLeads(tx, [], deps, { final: true, leadIds });
    await deadLetters.publish(tx, refused);
    return leadIds.length;
  });
}
