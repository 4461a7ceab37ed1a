import type { Migration } from '@leadflow/kit';

/** The seed's success metrics, one row each. */
export const successMetricsView: Migration = {
  name: '016_success_metrics',
  sql: `
    create view success_metrics as
    with visits as (
      select count(*) filter (where v.became_lead_id is not null) as converted, count(*) as visitors
      from visitors v
      -- A lead seen on its own id is the same person as the visitor identified as it, if there is one.
      where not (v.subject_id = v.became_lead_id
                 and exists (select 1 from visitors a where a.became_lead_id = v.subject_id and a.subject_id <> v.subject_id))),
    leads as (
      select count(*) as leads, count(sql_at) as sqls, count(accepted_at) as accepted, count(opportunity_at) as opportunities,
             coalesce(sum(opportunity_amount), 0) as pipeline,
             coalesce(sum(opportunity_amount) filter (where marketing_sourced), 0) as marketing_pipeline
      from lead_current),
    spend as (select coalesce(sum(amount), 0) as spend from campaign_costs),
    metrics (position, metric, numerator, denominator, decimals) as (
      select 1, 'lead_capture_conversion', converted::numeric, visitors::numeric, 4 from visits
      union all select 2, 'sales_accepted_lead_rate', accepted, sqls, 4 from leads
      union all select 3, 'cost_per_qualified_lead', spend, sqls, 2 from leads, spend
      union all select 4, 'lead_to_opportunity_rate', opportunities, leads, 4 from leads
      union all select 5, 'marketing_sourced_pipeline', marketing_pipeline, pipeline, 4 from leads)
    select metric, round(numerator / nullif(denominator, 0), decimals) as value, numerator, denominator
    from metrics order by position;
    comment on view success_metrics is 'The seed''s success metrics over all data: lead capture conversion, sales-accepted lead rate, cost per qualified lead, lead-to-opportunity rate, marketing-sourced pipeline';
    comment on column success_metrics.metric is 'lead_capture_conversion (visitors who became leads / visitors), sales_accepted_lead_rate (accepted / SQLs), cost_per_qualified_lead (campaign spend / SQLs), lead_to_opportunity_rate (leads with an opportunity / leads), marketing_sourced_pipeline (pipeline of leads whose first touch names a campaign, tracked link or UTM source / all pipeline)';
    comment on column success_metrics.value is 'numerator / denominator: a fraction for rates, an amount in the spend currency for cost per qualified lead; null when the denominator is 0';
    comment on column success_metrics.numerator is 'What is counted or summed on top';
    comment on column success_metrics.denominator is 'What it is divided by';`,
};
