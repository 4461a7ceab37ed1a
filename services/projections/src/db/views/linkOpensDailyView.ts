import type { Migration } from '@leadflow/kit';

/** Tracked-link opens per day, campaign, source and link: the top of the campaign funnel. */
export const linkOpensDailyView: Migration = {
  name: '030_link_opens_daily',
  sql: `
    create view link_opens_daily as
    select (opened_at at time zone 'UTC')::date as day, campaign_id, coalesce(source, 'unknown') as source, link_id,
           count(*)::int as opens, count(distinct subject_id)::int as visitors
    from link_opens
    group by 1, 2, 3, 4;
    comment on view link_opens_daily is 'Opens of tracked links by UTC day, campaign, source and link; join funnel_daily or campaign_performance on campaign_id for what the opens led to';
    comment on column link_opens_daily.day is 'UTC day of the opens';
    comment on column link_opens_daily.campaign_id is 'Campaign of the link; null when it names none';
    comment on column link_opens_daily.source is 'UTM source of the link, else the integration that sent the event';
    comment on column link_opens_daily.link_id is 'The tracked link (its short code)';
    comment on column link_opens_daily.opens is 'link_opened events that day';
    comment on column link_opens_daily.visitors is 'Distinct visitors or leads who opened the link that day';`,
};
