import type { Migration } from '@leadflow/kit';

/** Scoring's own tables. */
export const scoringMigrations: Migration[] = [
  {
    name: '001_scoring_state',
    sql: `
      -- Per-lead fold state; next_crossing_at is the durable schedule of time-driven re-grading.
      create table lead_score_state (
        lead_id text primary key,
        state jsonb not null,
        stream_time bigint not null,
        last_emitted jsonb,
        next_crossing_at bigint,
        updated_at timestamptz not null default now());
      create index lead_score_state_next_crossing on lead_score_state (next_crossing_at)
        where next_crossing_at is not null;
      create table scoring_applied_events (
        event_id uuid primary key,
        applied_at timestamptz not null default now());`,
  },
  {
    name: '002_identity_stitching',
    sql: `
      -- Visitors and the lead each became; activity of visitors not identified yet waits here.
      create table visitors (
        anonymous_id text primary key,
        lead_id text,
        identified_at bigint);
      create table visitor_activity (
        anonymous_id text not null,
        event_id uuid not null,
        occurred_at bigint not null,
        record jsonb not null,
        primary key (anonymous_id, event_id));
      create index visitor_activity_occurred_at on visitor_activity (occurred_at);`,
  },
  {
    name: '003_lead_history',
    sql: `
      -- The lead's applied events in event-time order (and the fold of those behind the model's
      -- horizon), so a late event re-evaluates the scores at every later event time.
      alter table lead_score_state add column history jsonb;`,
  },
  {
    name: '004_applied_events_retention',
    sql: `
      -- An applied event id is kept while an event with that id can still be applied: its event
      -- time is stored so ids behind the retention floor can be deleted. Ids applied before this
      -- column existed take their apply time, never earlier than their event time, so they are
      -- kept at least as long as they are needed.
      alter table scoring_applied_events add column occurred_at bigint;
      update scoring_applied_events set occurred_at = (extract(epoch from applied_at) * 1000)::bigint;
      alter table scoring_applied_events alter column occurred_at set not null;
      create index scoring_applied_events_occurred_at on scoring_applied_events (occurred_at);
      -- One row: events that occurred before occurred_before are refused, since their ids may have
      -- been deleted. It only rises; a batch reads it under a share lock, so raising it waits for
      -- the batches that read the old value.
      create table scoring_applied_floor (
        singleton boolean primary key default true check (singleton),
        occurred_before bigint);
      insert into scoring_applied_floor (occurred_before) values (null);`,
  },
  {
    name: '005_fold_reads_raw_topics',
    sql: `
      -- The fold groups that have taken their first positions on the raw activity topics (see
      -- startFoldAtStitchedOffsets): done once per group, so a later start never moves them.
      create table scoring_fold_raw_start (
        group_id text primary key,
        started_at timestamptz not null default now());`,
  },
  {
    name: '006_state_lz4',
    sql: `
      -- A lead's state and history are rewritten on every batch that touches it and are large
      -- enough to be compressed: lz4 costs Postgres far less CPU than the default pglz, for both
      -- the write and the read. Values written before keep their compression until rewritten.
      -- A server built without lz4 (some embedded builds) keeps pglz.
      do $$
      begin
        if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
          alter table lead_score_state alter column state set compression lz4,
            alter column history set compression lz4, alter column last_emitted set compression lz4;
        end if;
      end $$;`,
  },
  {
    name: '007_state_version',
    sql: `
      -- A new random version on every write of a lead's row: a process that kept the row it saved
      -- reads only the version to know whether its copy is still the stored one.
      alter table lead_score_state add column version uuid;`,
  },
];
