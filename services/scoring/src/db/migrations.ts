import type { Migration } from '@leadflow/kit';

/** Scoring's own tables: per-subject fold state, applied event ids, and visitor → lead aliases. */
export const scoringMigrations: Migration[] = [
  {
    name: '001_scoring_state',
    sql: `
      create table lead_score_state (
        subject_id text primary key,
        is_lead boolean not null,
        state jsonb not null,
        stream_time bigint not null,
        last_emitted jsonb,
        updated_at timestamptz not null default now());
      create table scoring_applied_events (
        event_id uuid primary key,
        applied_at timestamptz not null default now());
      create table subject_aliases (
        anonymous_id text primary key,
        lead_id text not null,
        identified_at bigint not null);`,
  },
];
