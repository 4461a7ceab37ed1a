import type { Migration } from '../db/migrate';

/**
 * The records a transaction produced, written with its effects and published by the relay after
 * it committed. `position` orders the rows of one key (a later transaction on the same key writes
 * after the earlier one committed); `sweep` is set by the relay when it takes rows to publish, so a
 * row committed late (with a lower position) is never mistaken for one already published. One per
 * database, in `public`: a service's schema may be rebuilt and swapped (projections), its outbox stays.
 */
export const outboxMigration: Migration = {
  name: '000_outbox',
  sql: `create table if not exists public.outbox (
          position bigserial primary key,
          relay text not null,
          topic text not null,
          key bytea,
          value bytea,
          headers jsonb not null,
          sweep bigint,
          written_at timestamptz not null default now());
        create index if not exists outbox_relay_sweep on public.outbox (relay, sweep, position);
        create sequence if not exists public.outbox_sweeps`,
};
