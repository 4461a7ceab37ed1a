import type { Migration } from '@leadflow/kit';

/** What each campaign cost and brought, by first- and last-touch attribution. */
export const campaignPerformanceView: Migration = {
  name: '013_campaign_performance',
  sql: `
    create view campaign_performance as
    with spend as (
      select campaign_id, sum(amount) as spend, string_agg(distinct currency, ',' order by currency) as currency
      from campaign_costs group by campaign_id),
    first_touch as (
      select first_touch_campaign as campaign_id, count(*) as leads, count(sql_at) as qualified_leads,
             coalesce(sum(opportunity_amount), 0) as pipeline_amount, coalesce(sum(won_amount), 0) as won_amount
      from lead_current where first_touch_campaign is not null group by first_touch_campaign),
    last_touch as (
      select last_touch_campaign as campaign_id, count(*) as leads, coalesce(sum(opportunity_amount), 0) as pipeline_amount
      from lead_current where last_touch_campaign is not null group by last_touch_campaign),
    campaigns as (
      select campaign_id from spend union select campaign_id from first_touch union select campaign_id from last_touch)
    select c.campaign_id,
           coalesce(s.spend, 0) as spend,
           s.currency,
           coalesce(f.leads, 0)::int as leads,
           coalesce(f.qualified_leads, 0)::int as qualified_leads,
           round(s.spend / nullif(f.leads, 0), 2) as cost_per_lead,
           round(s.spend / nullif(f.qualified_leads, 0), 2) as cost_per_qualified_lead,
           coalesce(f.pipeline_amount, 0) as pipeline_amount,
           coalesce(f.won_amount, 0) as won_amount,
           coalesce(f.leads, 0)::int as first_touch_leads,
           coalesce(t.leads, 0)::int as last_touch_leads,
           coalesce(t.pipeline_amount, 0) as last_touch_pipeline_amount
    from campaigns c
    left join spend s using (campaign_id)
    left join first_touch f using (campaign_id)
    left join last_touch t using (campaign_id);
    comment on view campaign_performance is 'Per campaign: spend, leads and qualified leads by first touch, cost per (qualified) lead, pipeline and won amounts, and last-touch leads and pipeline for comparison. Organic and direct leads (no campaign) are not a campaign and are left out';
    comment on column campaign_performance.campaign_id is 'The campaign';
    comment on column campaign_performance.spend is 'Sum of the campaign''s recorded costs (0 when none is recorded)';
    comment on column campaign_performance.currency is 'Currency of the costs; several, comma separated, when costs were recorded in more than one';
    comment on column campaign_performance.leads is 'Leads whose first touch was the campaign';
    comment on column campaign_performance.qualified_leads is 'Of those, leads that reached SQL';
    comment on column campaign_performance.cost_per_lead is 'spend / leads; null without recorded costs or leads';
    comment on column campaign_performance.cost_per_qualified_lead is 'spend / qualified_leads; null without recorded costs or qualified leads';
    comment on column campaign_performance.pipeline_amount is 'Opportunity amounts of the first-touch leads';
    comment on column campaign_performance.won_amount is 'Won deal amounts of the first-touch leads';
    comment on column campaign_performance.first_touch_leads is 'Leads attributed by first touch (same as leads)';
    comment on column campaign_performance.last_touch_leads is 'Leads whose latest touch was the campaign';
    comment on column campaign_performance.last_touch_pipeline_amount is 'Opportunity amounts of the last-touch leads';`,
};
