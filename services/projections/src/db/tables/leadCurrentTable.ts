import type { Migration } from '@leadflow/kit';

/** One row per lead: where it stands, its latest scores, its owner, its milestones and attribution. */
export const leadCurrentTable: Migration = {
  name: '001_lead_current',
  sql: `
    create table lead_current (
      lead_id text primary key,
      stage text not null default 'lead',
      stage_changed_at timestamptz,
      grade text,
      total int,
      fit double precision,
      intent double precision,
      readiness double precision,
      model_version text,
      scored_at timestamptz,
      owner text,
      team text,
      first_touch_at timestamptz,
      first_touch_campaign text,
      first_touch_source text,
      last_touch_campaign text,
      last_touch_source text,
      mql_at timestamptz,
      sql_at timestamptz,
      accepted_at timestamptz,
      opportunity_at timestamptz,
      won_at timestamptz,
      lost_at timestamptz,
      recycled_at timestamptz,
      disqualified_at timestamptz,
      opportunity_amount numeric,
      won_amount numeric,
      grade_at_mql text,
      grade_at_sql text,
      requalified_count int not null default 0,
      do_not_contact boolean not null default false,
      updated_at timestamptz not null default now(),
      first_scored_at timestamptz,
      events_applied int,
      scores_event_id uuid,
      assigned_at timestamptz,
      last_touch_at timestamptz,
      marketing_sourced boolean);
    create index lead_current_first_touch_campaign on lead_current (first_touch_campaign);
    create index lead_current_last_touch_campaign on lead_current (last_touch_campaign);
    comment on table lead_current is 'One row per lead: current stage, latest scores, owner, stage milestones and first/last touch attribution';
    comment on column lead_current.lead_id is 'The lead';
    comment on column lead_current.stage is 'lead, mql, sql, accepted, opportunity, won, lost, recycled or disqualified';
    comment on column lead_current.stage_changed_at is 'When the lead reached its current stage (event time)';
    comment on column lead_current.grade is 'Latest grade: A (80-100) hot, B (60-79), C (40-59), D (20-39), F (0-19)';
    comment on column lead_current.total is 'Latest total score 0-100, evaluated at scored_at';
    comment on column lead_current.fit is 'Latest fit (demographic) score, 0-65';
    comment on column lead_current.intent is 'Latest intent (behavioural) score, 0-80, decayed to scored_at';
    comment on column lead_current.readiness is 'Latest readiness (BANT) score, 0-70, decayed to scored_at';
    comment on column lead_current.model_version is 'Scoring model of the latest scores';
    comment on column lead_current.scored_at is 'Event time the latest scores were evaluated at';
    comment on column lead_current.owner is 'Sales owner of the latest assignment (routing or escalation)';
    comment on column lead_current.team is 'Sales team of the latest assignment';
    comment on column lead_current.first_touch_at is 'When the first known touch happened, anonymous visits before identification included';
    comment on column lead_current.first_touch_campaign is 'Campaign of the first touch (campaign id, else UTM campaign); null for organic and direct';
    comment on column lead_current.first_touch_source is 'Source of the first touch: UTM source, else the integration that sent the event';
    comment on column lead_current.last_touch_campaign is 'Campaign of the latest touch (campaign id, else UTM campaign)';
    comment on column lead_current.last_touch_source is 'Source of the latest touch: UTM source, else the integration that sent the event';
    comment on column lead_current.mql_at is 'When the lead first became marketing qualified';
    comment on column lead_current.sql_at is 'When the lead first became sales qualified (handed to sales)';
    comment on column lead_current.accepted_at is 'When sales first accepted the lead, or opened an opportunity straight from SQL';
    comment on column lead_current.opportunity_at is 'When the first opportunity was opened';
    comment on column lead_current.won_at is 'When the first deal was won';
    comment on column lead_current.lost_at is 'When the first deal was lost';
    comment on column lead_current.recycled_at is 'When the lead was last recycled to marketing nurture';
    comment on column lead_current.disqualified_at is 'When the lead was first disqualified';
    comment on column lead_current.opportunity_amount is 'Amount of the first opportunity (pipeline)';
    comment on column lead_current.won_amount is 'Amount of the first won deal';
    comment on column lead_current.grade_at_mql is 'Grade the lead had when it first became an MQL';
    comment on column lead_current.grade_at_sql is 'Grade the lead had when it was first handed to sales';
    comment on column lead_current.requalified_count is 'How often the lead qualified again after being recycled';
    comment on column lead_current.do_not_contact is 'Contact consent withdrawn: never hand to sales';
    comment on column lead_current.updated_at is 'When the row was last written (wall clock)';
    comment on column lead_current.first_scored_at is 'When the lead was first scored: when it became a lead';
    comment on column lead_current.events_applied is 'Events folded into the latest scores';
    comment on column lead_current.scores_event_id is 'Event id of the latest scores on leads.scores.v2';
    comment on column lead_current.assigned_at is 'When the latest assignment happened';
    comment on column lead_current.last_touch_at is 'When the latest touch happened';
    comment on column lead_current.marketing_sourced is 'The first touch names a campaign, a tracked link or a UTM source';`,
};
