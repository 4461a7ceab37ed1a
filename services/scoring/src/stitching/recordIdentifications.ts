import type { PoolClient } from 'pg';
import type { Identification } from '../domain';

/** Stores which lead each visitor became. */
export async function recordIdentifications(tx: PoolClient, identified: Identification[]): Promise<void> {
  if (identified.length === 0) return;
  await tx.query(
    `update visitors v set lead_id = u.lead_id, identified_at = u.at
     from unnest($1::text[], $2::text[], $3::bigint[]) as u(anonymous_id, lead_id, at)
     where v.anonymous_id = u.anonymous_id and v.lead_id is null`,
    [identified.map((i) => i.anonymousId), identified.map((i) => i.leadId), identified.map((i) => i.at)],
  );
}
