import type { Migration } from '@leadflow/kit';

/**
 * The event store: one stream per aggregate, events numbered within their stream. The unique
 * (stream_id, stream_version) pair is the optimistic concurrency check: two writers appending at
 * the same version cannot both succeed.
 */
export const eventStoreMigration: Migration = {
  name: '001_event_store',
  sql: `
    create table events (
      global_position bigserial primary key,
      stream_id text not null,
      stream_version bigint not null,
      event_id uuid not null unique,
      type text not null,
      data jsonb not null,
      occurred_at bigint not null,
      recorded_at timestamptz not null default now(),
      unique (stream_id, stream_version));`,
};
