import type { Migration } from '@leadflow/kit';

/** The follow-up clocks of sales-qualified leads: started, met, breached, cancelled. */
export const slaFactsTable: Migration = {
  name: '003_sla_facts',
  sql: `
    create table sla_facts (
      event_id uuid primary key,
      lead_id text not null,
      owner text not null,
      team text,
      type text not null,
      occurred_at timestamptz not null,
      deadline timestamptz,
      attempt int,
      elapsed_ms bigint,
      met_by text);
    create index sla_facts_by_lead on sla_facts (lead_id, occurred_at);
    create index sla_facts_by_owner on sla_facts (team, owner);
    comment on table sla_facts is 'SLA clock events from leads.sla.v1, each with the owner and team of its clock';
    comment on column sla_facts.event_id is 'Id of the SLA event';
    comment on column sla_facts.lead_id is 'The lead';
    comment on column sla_facts.owner is 'Owner of the clock';
    comment on column sla_facts.team is 'Team of the clock (named by its sla_started)';
    comment on column sla_facts.type is 'sla_started, sla_met, sla_breached or sla_cancelled';
    comment on column sla_facts.occurred_at is 'When it happened (event time)';
    comment on column sla_facts.deadline is 'Deadline of the clock (started, breached)';
    comment on column sla_facts.attempt is '1 for the clock started at SQL, 2 and up after escalations (started, breached)';
    comment on column sla_facts.elapsed_ms is 'Time from the start of the current attempt to the touch (met)';
    comment on column sla_facts.met_by is 'lead_contacted, lead_accepted or opportunity_created (met)';`,
};
