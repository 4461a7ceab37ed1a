import type { PoolClient } from 'pg';

/**
 * Removes the transitions and SLA facts that compensating events retracted, so the funnel and SLA
 * performance count the net lifecycle; the compensations themselves stay in `lead_transitions`.
 */
export async function deleteRetractedFacts(tx: PoolClient, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await tx.query('delete from lead_transitions where event_id = any($1::uuid[])', [eventIds]);
  await tx.query('delete from sla_facts where event_id = any($1::uuid[])', [eventIds]);
}
