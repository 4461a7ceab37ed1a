import type { Migration } from '@leadflow/kit';

/** Every stage change of every lead, from the lifecycle and recycle topics. */
export const leadTransitionsTable: Migration = {
  name: '002_lead_transitions',
  sql: `
    create table lead_transitions (
      event_id uuid primary key,
      lead_id text not null,
      occurred_at timestamptz not null,
      type text not null,
      from_stage text,
      to_stage text,
      reason text,
      amount numeric,
      grade text);
    create index lead_transitions_by_lead on lead_transitions (lead_id, occurred_at);
    create index lead_transitions_by_type on lead_transitions (type, occurred_at);
    comment on table lead_transitions is 'Every stage change, plus re-qualifications and rejections by sales; one row per event';
    comment on column lead_transitions.event_id is 'Id of the lifecycle or recycle event';
    comment on column lead_transitions.lead_id is 'The lead';
    comment on column lead_transitions.occurred_at is 'When it happened (event time)';
    comment on column lead_transitions.type is 'lead_qualified_mql, lead_qualified_sql, lead_requalified, sales_accepted, sales_rejected, opportunity_opened, deal_won, deal_lost, lead_disqualified or lead_recycled';
    comment on column lead_transitions.from_stage is 'Stage before';
    comment on column lead_transitions.to_stage is 'Stage after; null for lead_requalified and sales_rejected, whose stage change follows as its own row';
    comment on column lead_transitions.reason is 'Why: SQL route, rejection or loss reason, disqualification, recycle reason, or what a re-qualified lead was recycled for';
    comment on column lead_transitions.amount is 'Amount of opportunity_opened and deal_won';
    comment on column lead_transitions.grade is 'Grade the lead qualified with (MQL and SQL)';`,
};
