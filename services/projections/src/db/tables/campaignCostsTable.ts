import type { Migration } from '@leadflow/kit';

/** Campaign spend, as recorded through the outcome webhook. */
export const campaignCostsTable: Migration = {
  name: '005_campaign_costs',
  sql: `
    create table campaign_costs (
      event_id uuid primary key,
      campaign_id text not null,
      amount numeric not null,
      currency text not null,
      period_from timestamptz not null,
      period_to timestamptz not null,
      recorded_at timestamptz);
    create index campaign_costs_by_campaign on campaign_costs (campaign_id);
    comment on table campaign_costs is 'Every campaign_cost_recorded event: what a campaign cost over a period';
    comment on column campaign_costs.event_id is 'Id of the cost event';
    comment on column campaign_costs.campaign_id is 'The campaign (the campaign id events carry in their context)';
    comment on column campaign_costs.amount is 'Spend over the period';
    comment on column campaign_costs.currency is 'ISO 4217 currency of the amount';
    comment on column campaign_costs.period_from is 'Start of the period the spend covers';
    comment on column campaign_costs.period_to is 'End of the period the spend covers';
    comment on column campaign_costs.recorded_at is 'When the spend was recorded (event time)';`,
};
