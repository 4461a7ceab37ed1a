import type { PoolClient } from 'pg';
import { pruneCutoff, type HeldActivityBound } from './heldActivityBound';

/**
 * Deletes up to `limit` held events the stream has left behind, then the rows of
 * never-identified visitors left with none. Rows another batch holds are skipped, never waited
 * for, so pruning cannot deadlock with stitching; a later step prunes them.
 */
export async function pruneHeldActivity(tx: PoolClient, streamTime: number, bound: HeldActivityBound, limit: number): Promise<number> {
  const { rows } = await tx.query<{ anonymous_id: string }>(
    `with stale as (
       select anonymous_id, event_id from visitor_activity
       where occurred_at < $1 order by occurred_at limit $2 for update skip locked)
     delete from visitor_activity a using stale
     where a.anonymous_id = stale.anonymous_id and a.event_id = stale.event_id
     returning a.anonymous_id`,
    [pruneCutoff(bound, streamTime), limit],
  );
  if (rows.length === 0) return 0;
  await tx.query(
    `with idle as (
       select anonymous_id from visitors
       where anonymous_id = any($1::text[]) and lead_id is null for update skip locked)
     delete from visitors v using idle
     where v.anonymous_id = idle.anonymous_id
       and not exists (select 1 from visitor_activity a where a.anonymous_id = v.anonymous_id)`,
    [[...new Set(rows.map((r) => r.anonymous_id))]],
  );
  return rows.length;
}
