import type { Migration } from '@leadflow/kit';

/** Hand-off's own tables beside the event store: durable timers, round-robin positions, the leads' inputs. */
export const handoffMigrations: Migration[] = [
  {
    name: '002_timers_and_rotations',
    sql: `
      -- The pending timers of each lead (SLA deadlines, recycling), a projection of the lead's stream
      -- written in the same transaction as its events.
      create table lead_timers (
        lead_id text not null,
        timer text not null,
        due_at bigint not null,
        primary key (lead_id, timer));
      create index lead_timers_due_at on lead_timers (due_at);
      -- Where round-robin continues in each team.
      create table routing_rotations (
        team text primary key,
        next_index bigint not null default 0);`,
  },
  {
    name: '003_parked_outcomes',
    sql: `
      -- CRM outcomes that arrived before the lead could take them (in a replay, the scores that made
      -- the lead an SQL may be read after the outcome that followed it). Released in event-time
      -- order when the lead's state allows them; refused once every input has been applied.
      create table parked_outcomes (
        event_id uuid primary key,
        lead_id text not null,
        occurred_at bigint not null,
        outcome jsonb not null,
        origin jsonb not null);
      create index parked_outcomes_lead on parked_outcomes (lead_id, occurred_at);`,
  },
  {
    name: '004_lead_inputs',
    sql: `
      -- Every input a lead's lifecycle is decided from (its scores and CRM outcomes), so that a late
      -- input re-decides the lead in event-time order. Bounded per lead: a score is dropped once a
      -- score no later in event time has seen more of the lead, and outcomes are few. Outcomes the
      -- lead cannot take (yet) are held, and refused to the dead-letter topic once all input is applied.
      create table lead_inputs (
        event_id uuid primary key,
        lead_id text not null,
        kind text not null,
        occurred_at bigint not null,
        input jsonb not null,
        origin jsonb,
        held boolean not null default false);
      create index lead_inputs_lead on lead_inputs (lead_id, occurred_at);
      create index lead_inputs_held on lead_inputs (lead_id) where held;
      insert into lead_inputs (event_id, lead_id, kind, occurred_at, input, origin, held)
        select event_id, lead_id, 'outcome', occurred_at,
               jsonb_build_object('kind', 'outcome', 'at', occurred_at, 'outcome', outcome), origin, true
        from parked_outcomes;
      drop table parked_outcomes;`,
  },
  {
    name: '005_timer_key_hash',
    sql: `
      -- The lead's key hash (murmur2, as the producers' partitioner places the lead's records), so that
      -- a timer's partition of each input topic is key_hash % partitions: a timer fires once those
      -- partitions have passed its due time in event time. A timer written before has none and waits
      -- for every partition; the lead's next decision writes it again with its hash.
      alter table lead_timers add column key_hash int;`,
  },
  {
    name: '006_refused_outcomes_kept',
    sql: `
      -- An outcome refused for good has been dead-lettered with the reason, and stays among the lead's
      -- inputs: should the state it waited for still come (an input later than any bound), it applies
      -- then, as it would have in any other arrival order.
      alter table lead_inputs add column refused boolean not null default false;`,
  },
];
