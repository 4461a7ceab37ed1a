export { rebuildProjections } from './rebuildProjections';
export type { RebuildOptions } from './RebuildRun';
export type { RebuildReport, TableRows, TopicReplayed } from './RebuildReport';
export { RebuildError } from './RebuildError';
export { holdOffSchemaSwap } from './schemaSwapLock';
export { snapshotSchema, type SchemaSnapshot } from './snapshotSchema';
export { projectionHistory, type HistoryOptions } from './history/projectionHistory';
export type { ProjectionRecord } from './history/ProjectionRecord';
export { projectedCodecs } from '../kafka/projectedTopics';
