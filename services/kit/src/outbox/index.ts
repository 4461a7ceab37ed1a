export { Outbox, OUTBOX_CHANNEL } from './Outbox';
export type { OutboxRecord } from './OutboxRecord';
export { outboxMigration } from './outboxMigration';
export { encodeRecords } from './encodeRecords';
export { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './startOutboxRelay';
export { relayCursorOf, relayCursorTopic, readRelayCursor, type RelayCursor } from './RelayCursor';
export { claimSweep, type Sweep } from './claimSweep';
export { publishSweep } from './publishSweep';
export { deletePublished } from './deletePublished';
