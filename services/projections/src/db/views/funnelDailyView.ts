import type { Migration } from '@leadflow/kit';

/** The funnel per day, first-touch campaign and source. */
export const funnelDailyView: Migration = {
  name: '010_funnel_daily',
  sql: `
    create view funnel_daily as
    with leads as (
      select lead_id, first_touch_campaign as campaign_id, coalesce(first_touch_source, 'unknown') as source,
             coalesce(first_scored_at, first_touch_at, updated_at) as created_at,
             mql_at, sql_at, accepted_at, opportunity_at, won_at
      from lead_current),
    steps as (
      select lead_id, 'new' as step, created_at as at from leads
      union all select lead_id, 'mql', mql_at from leads where mql_at is not null
      union all select lead_id, 'sql', sql_at from leads where sql_at is not null
      union all select lead_id, 'accepted', accepted_at from leads where accepted_at is not null
      union all select lead_id, 'opportunity', opportunity_at from leads where opportunity_at is not null
      union all select lead_id, 'won', won_at from leads where won_at is not null
      union all select lead_id, 'requalified', occurred_at from lead_transitions where type = 'lead_requalified'),
    daily as (
      select (s.at at time zone 'UTC')::date as day, l.campaign_id, l.source,
             count(*) filter (where s.step = 'new')::int as new_leads,
             count(*) filter (where s.step = 'mql')::int as mql,
             count(*) filter (where s.step = 'sql')::int as sql,
             count(*) filter (where s.step = 'accepted')::int as accepted,
             count(*) filter (where s.step = 'opportunity')::int as opportunities,
             count(*) filter (where s.step = 'won')::int as won,
             count(*) filter (where s.step = 'requalified')::int as requalified,
             avg(extract(epoch from l.sql_at - l.created_at) / 86400) filter (where s.step = 'sql') as days_lead_to_sql
      from steps s join leads l using (lead_id)
      group by 1, 2, 3)
    select day, campaign_id, source, new_leads, mql, sql, accepted, opportunities, won, requalified,
           round(mql::numeric / nullif(new_leads, 0), 4) as mql_rate,
           round(sql::numeric / nullif(mql, 0), 4) as sql_rate,
           round(accepted::numeric / nullif(sql, 0), 4) as accept_rate,
           round(opportunities::numeric / nullif(accepted, 0), 4) as opportunity_rate,
           round(won::numeric / nullif(opportunities, 0), 4) as win_rate,
           round(days_lead_to_sql::numeric, 2) as avg_days_lead_to_sql
    from daily;
    comment on view funnel_daily is 'The funnel by UTC day, first-touch campaign and source: each lead counted once per step, on the day it first reached it. Rates divide that day''s counts, so sum the counts over a period for a period''s rates';
    comment on column funnel_daily.day is 'UTC day of the step';
    comment on column funnel_daily.campaign_id is 'First-touch campaign of the leads; null for organic and direct';
    comment on column funnel_daily.source is 'First-touch source of the leads: UTM source, else the integration that sent the event';
    comment on column funnel_daily.new_leads is 'Leads that became leads (were first scored) that day';
    comment on column funnel_daily.mql is 'Leads that first became marketing qualified that day';
    comment on column funnel_daily.sql is 'Leads first handed to sales that day';
    comment on column funnel_daily.accepted is 'Leads sales first accepted that day (an opportunity opened straight from SQL accepts too)';
    comment on column funnel_daily.opportunities is 'Leads whose first opportunity was opened that day';
    comment on column funnel_daily.won is 'Leads whose first deal was won that day';
    comment on column funnel_daily.requalified is 'Re-qualifications of recycled leads that day (not counted in mql or sql again)';
    comment on column funnel_daily.mql_rate is 'mql / new_leads';
    comment on column funnel_daily.sql_rate is 'sql / mql';
    comment on column funnel_daily.accept_rate is 'accepted / sql';
    comment on column funnel_daily.opportunity_rate is 'opportunities / accepted';
    comment on column funnel_daily.win_rate is 'won / opportunities';
    comment on column funnel_daily.avg_days_lead_to_sql is 'Average days from becoming a lead to SQL, of the leads handed to sales that day';`,
};
