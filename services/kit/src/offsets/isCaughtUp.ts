import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { isCaughtUpWith } from './partitionLag';
import { readGroupLag, type GroupOffsets } from './readGroupLag';

/** Whether the group has applied everything its topics hold right now. */
export async function isCaughtUp(admin: Admin, pool: Pool, group: GroupOffsets): Promise<boolean> {
  return isCaughtUpWith(await readGroupLag(admin, pool, group));
}
