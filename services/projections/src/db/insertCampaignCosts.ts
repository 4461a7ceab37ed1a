import type { PoolClient } from 'pg';
import type { CampaignCost } from '../domain';

/** Inserts campaign costs in one statement; one already stored is left as it is. */
export async function insertCampaignCosts(tx: PoolClient, costs: CampaignCost[]): Promise<void> {
  if (costs.length === 0) return;
  await tx.query(
    `insert into campaign_costs (event_id, campaign_id, amount, currency, period_from, period_to, recorded_at)
     select id, c, a, cur, to_timestamp(f / 1000.0), to_timestamp(t / 1000.0), to_timestamp(r / 1000.0)
     from unnest($1::uuid[], $2::text[], $3::numeric[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[])
       as u(id, c, a, cur, f, t, r)
     on conflict (event_id) do nothing`,
    [
      costs.map((c) => c.eventId),
      costs.map((c) => c.campaignId),
      costs.map((c) => c.amount),
      costs.map((c) => c.currency),
      costs.map((c) => c.periodFrom),
      costs.map((c) => c.periodTo),
      costs.map((c) => c.recordedAt),
    ],
  );
}
