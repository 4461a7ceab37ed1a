import type { Migration } from '@leadflow/kit';

/** Ingest's own table: the tracked links it redirects through. */
export const linksMigrations: Migration[] = [
  {
    name: '001_tracked_links',
    sql: `
      create table tracked_links (
        code text primary key,
        campaign text not null,
        source text not null,
        medium text not null,
        variant text,
        target_url text not null,
        created_by text not null,
        created_at timestamptz not null default now());
      comment on table tracked_links is 'Campaign links: GET /l/<code> redirects to target_url and emits link_opened with the attribution';`,
  },
];
