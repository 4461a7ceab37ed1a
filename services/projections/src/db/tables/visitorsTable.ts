import type { Migration } from '@leadflow/kit';

/** Visitors and whether they became leads, for lead capture conversion. */
export const visitorsTable: Migration = {
  name: '006_visitors',
  sql: `
    create table visitors (
      subject_id text primary key,
      first_seen_at timestamptz not null,
      first_campaign text,
      became_lead_id text,
      identified_at timestamptz,
      first_source text);
    create index visitors_became_lead on visitors (became_lead_id);
    comment on table visitors is 'One row per visitor: anonymous visitors, and leads who started a visit without an anonymous id';
    comment on column visitors.subject_id is 'The anonymous id, or the lead id of a lead seen without one';
    comment on column visitors.first_seen_at is 'First event of the visitor (event time)';
    comment on column visitors.first_campaign is 'Campaign of the first event (campaign id, else UTM campaign)';
    comment on column visitors.became_lead_id is 'The lead the visitor was identified as; null while anonymous';
    comment on column visitors.identified_at is 'When the visitor was identified as a lead';
    comment on column visitors.first_source is 'Source of the first event: UTM source, else the integration that sent it';`,
};
