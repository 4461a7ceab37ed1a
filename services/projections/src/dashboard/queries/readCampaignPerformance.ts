import type { Pool } from 'pg';

/** Spend, leads and revenue of one campaign, as `/api/campaigns` returns them. */
export interface CampaignPerformance {
  campaignId: string;
  spend: number | null;
  currency: string | null;
  leads: number;
  qualifiedLeads: number;
  costPerLead: number | null;
  costPerQualifiedLead: number | null;
  pipelineAmount: number | null;
  wonAmount: number | null;
  firstTouchLeads: number;
  lastTouchLeads: number;
}

/** Every campaign, the largest pipeline first. */
export async function readCampaignPerformance(pool: Pool): Promise<CampaignPerformance[]> {
  const { rows } = await pool.query<CampaignPerformance>(
    `select campaign_id as "campaignId", spend::float8 as spend, currency, leads::int as leads,
            qualified_leads::int as "qualifiedLeads", cost_per_lead::float8 as "costPerLead",
            cost_per_qualified_lead::float8 as "costPerQualifiedLead",
            pipeline_amount::float8 as "pipelineAmount", won_amount::float8 as "wonAmount",
            first_touch_leads::int as "firstTouchLeads", last_touch_leads::int as "lastTouchLeads"
       from campaign_performance
      order by pipeline_amount desc nulls last, campaign_id`,
  );
  return rows;
}
