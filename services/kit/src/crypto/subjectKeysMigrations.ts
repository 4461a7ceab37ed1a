import type { Migration } from '../db/migrate';

/** The data keys of leads and visitors, wrapped by a master key, and the record of their erasure. */
export const subjectKeysMigrations: Migration[] = [
  {
    name: '001_subject_keys',
    sql: `
      create table if not exists subject_keys (
        subject text not null,
        key_version int not null,
        wrapped_key bytea not null,
        master_key_id text not null,
        created_at timestamptz not null default now(),
        primary key (subject, key_version));
      comment on table subject_keys is 'Data keys sealing personal fields, one per lead (lead:<id>) or visitor (visitor:<id>) and version, AES-256-GCM-wrapped by the master key named; erasure deletes the rows';
      create table if not exists subject_erasures (
        subject text primary key,
        last_key_version int not null,
        erased_at timestamptz not null default now());
      comment on table subject_erasures is 'Subjects whose keys were erased: their envelopes read as erased; a key created later starts after last_key_version';`,
  },
];
