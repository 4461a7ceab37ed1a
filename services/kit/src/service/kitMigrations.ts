import type { Migration } from '../db/migrate';
import { consumerOffsetsEventTimeMigration, consumerOffsetsMigration } from '../offsets/consumerOffsetsMigration';
import { outboxMigration } from '../outbox/outboxMigration';

/** The tables every consumer service keeps beside its own: offsets with their event-time watermarks, and the outbox. */
export const kitMigrations: readonly Migration[] = [consumerOffsetsMigration, consumerOffsetsEventTimeMigration, outboxMigration];
