export { collectRecords, collectTimedRecords, readTopic, type TimedRecord } from './collectRecords';
export { isolatedRun, type IsolatedRun } from './isolatedRun';
export { dropDatabase } from '../db/createPool';
