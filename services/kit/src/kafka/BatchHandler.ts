import type { PoolClient } from 'pg';
import type { ConsumedRecord, RefusedRecord } from './ConsumedRecord';

/** Applies decoded records inside `tx` and returns those it refuses, with the reason. */
export type BatchHandler<R> = (records: ConsumedRecord<R>[], tx: PoolClient) => Promise<RefusedRecord[]>;
