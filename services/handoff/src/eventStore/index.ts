export { eventStoreMigration } from './eventStoreMigration';
export { readStreams } from './readStreams';
export { appendToStreams, StreamVersionConflict } from './appendToStreams';
export type { StoredEvent, StreamAppend } from './StoredEvent';
export { streamIdOf } from './streamIdOf';
