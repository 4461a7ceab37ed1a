import type { Migration } from '../db/migrate';

/** Consumer positions kept next to the rows they produced, so both commit in one transaction. */
export const consumerOffsetsMigration: Migration = {
  name: '000_consumer_offsets',
  sql: `create table if not exists consumer_offsets (
          group_id text not null,
          topic text not null,
          partition int not null,
          next_offset bigint not null,
          updated_at timestamptz not null default now(),
          primary key (group_id, topic, partition))`,
};

/**
 * Beside each partition's position, the latest event time (epoch ms) applied on it, for groups whose
 * consumer names the event time of its records: how far the partition has come in event time.
 */
export const consumerOffsetsEventTimeMigration: Migration = {
  name: '001_consumer_offsets_event_time',
  sql: 'alter table consumer_offsets add column if not exists max_event_time bigint',
};
