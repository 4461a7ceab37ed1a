export { collectRecords, collectTimedRecords, type TimedRecord } from './collectRecords';
export { isolatedRun, type IsolatedRun } from './isolatedRun';
