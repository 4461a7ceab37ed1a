export { collectRecords } from './collectRecords';
export { isolatedRun, type IsolatedRun } from './isolatedRun';
