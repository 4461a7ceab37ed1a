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
