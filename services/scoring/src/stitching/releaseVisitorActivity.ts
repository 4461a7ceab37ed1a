import type { PoolClient } from 'pg';
import type { ActivityEvent } from '@leadflow/schemas';
import type { Identification } from '../domain';
import { releaseCutoff, type HeldActivityBound } from './heldActivityBound';

/** Deletes the held events that occurred beyond the horizon before their visitor was identified; returns how many. */
export async function dropBeyondHorizon(tx: PoolClient, identified: Identification[], bound: HeldActivityBound): Promise<number> {
  if (identified.length === 0) return 0;
  const { rowCount } = await tx.query(
    `delete from visitor_activity a using unnest($1::text[], $2::bigint[]) as u(anonymous_id, cutoff)
     where a.anonymous_id = u.anonymous_id and a.occurred_at < u.cutoff`,
    [identified.map((i) => i.anonymousId), identified.map((i) => releaseCutoff(bound, i.at))],
  );
  return rowCount ?? 0;
}

/**
 * Removes and yields the held activity of these visitors in chunks of `bound.releaseChunk`, oldest
 * first, so a visitor with a long anonymous history never loads it into memory in one statement.
 */
export async function* releaseVisitorActivity(tx: PoolClient, anonymousIds: string[], bound: HeldActivityBound): AsyncGenerator<ActivityEvent[]> {
  if (anonymousIds.length === 0) return;
  for (;;) {
    const { rows } = await tx.query<{ record: ActivityEvent }>(
      `with chunk as (
         select anonymous_id, event_id from visitor_activity
         where anonymous_id = any($1::text[]) order by occurred_at, event_id limit $2)
       delete from visitor_activity a using chunk
       where a.anonymous_id = chunk.anonymous_id and a.event_id = chunk.event_id
       returning a.record`,
      [anonymousIds, bound.releaseChunk],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => r.record).sort((a, b) => a.occurredAt - b.occurredAt);
    if (rows.length < bound.releaseChunk) return;
  }
}
