export { collectRecords, collectTimedRecords, readTopic, type TimedRecord } from './collectRecords';
export { openSealedIn } from './openSealedIn';
export { sealedLike, withSealedLikeFields } from './sealedLike';
export { readRawValues } from './readRawValues';
export { isolatedRun, type IsolatedRun } from './isolatedRun';
export { startTcpProxy, type TcpProxy } from './startTcpProxy';
export { stackControl } from './stackControl';
export { waitFor } from './waitFor';
export { dropDatabase } from '../db/createPool';
