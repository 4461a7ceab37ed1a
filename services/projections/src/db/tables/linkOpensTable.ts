import type { Migration } from '@leadflow/kit';

/** Opens of tracked campaign links (`link_opened`), one row per event. */
export const linkOpensTable: Migration = {
  name: '008_link_opens',
  sql: `
    create table link_opens (
      event_id uuid primary key,
      link_id text not null,
      campaign_id text,
      source text,
      subject_id text not null,
      opened_at timestamptz not null);
    create index link_opens_campaign on link_opens (campaign_id, opened_at);
    comment on table link_opens is 'One row per link_opened event: a visit through a tracked campaign link';
    comment on column link_opens.event_id is 'The link_opened event; a redelivered one is stored once';
    comment on column link_opens.link_id is 'The tracked link (its short code)';
    comment on column link_opens.campaign_id is 'Campaign of the link (context.campaignId, else UTM campaign)';
    comment on column link_opens.source is 'UTM source of the link, else the integration that sent the event';
    comment on column link_opens.subject_id is 'The visitor (anonymous id, from the lf_vid cookie) or lead who opened it';
    comment on column link_opens.opened_at is 'When the link was opened (event time)';`,
};
