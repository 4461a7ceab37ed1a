export { consumerOffsetsMigration } from './consumerOffsetsMigration';
export { lockStoredOffset } from './lockStoredOffset';
export { storeOffset } from './storeOffset';
export { readStoredOffsets, type StoredOffset } from './readStoredOffsets';
export { partitionLag, isCaughtUpWith, type PartitionLag, type LogRange } from './partitionLag';
export { readGroupLag, readLogRanges, type GroupOffsets } from './readGroupLag';
export { isCaughtUp } from './isCaughtUp';
export { waitUntilCaughtUp, type WaitOptions } from './waitUntilCaughtUp';
