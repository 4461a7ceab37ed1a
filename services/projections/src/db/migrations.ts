import type { Migration } from '@leadflow/kit';

/** Read models for analysts. */
export const projectionMigrations: Migration[] = [
  {
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
        mql_at timestamptz,
        sql_at timestamptz,
        do_not_contact boolean not null default false,
        updated_at timestamptz not null default now());
      comment on table lead_current is 'One row per lead: its current stage, latest scores and stage timestamps';
      comment on column lead_current.stage is 'lead, mql, sql, accepted, opportunity, won, lost, recycled or disqualified';
      comment on column lead_current.total is 'Total score 0-100 at scored_at (event time of the latest scoring)';
      comment on column lead_current.grade is 'A (80-100) hot, B (60-79), C (40-59), D (20-39), F (0-19)';
      comment on column lead_current.mql_at is 'When the lead first became marketing qualified';
      comment on column lead_current.sql_at is 'When the lead first became sales qualified';`,
  },
];
