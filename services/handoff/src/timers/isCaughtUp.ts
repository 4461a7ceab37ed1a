import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { hasUnpublished, isCaughtUp as groupIsCaughtUp } from '@leadflow/kit';

/**
 * Whether the group has applied everything on its input topics. Timers fire by the wall clock only
 * when it has: while a backlog or a replay is being consumed, a lead's own later events decide
 * first (in event time), so the same history always gives the same transitions. Scores scoring
 * committed and its outbox relay has not published yet (same database) count as input not applied.
 */
export async function isCaughtUp(admin: Admin, pool: Pool, groupId: string, topics: string[]): Promise<boolean> {
  if (await hasUnpublished(pool)) return false;
  return groupIsCaughtUp(admin, pool, { groupId, topics });
}
