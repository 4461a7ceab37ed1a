import type { PoolClient } from 'pg';
import type { ActivityEvent } from '@leadflow/schemas';

/** Removes and returns the held activity of these visitors, oldest first. */
export async function releaseVisitorActivity(tx: PoolClient, anonymousIds: string[]): Promise<ActivityEvent[]> {
  if (anonymousIds.length === 0) return [];
  const { rows } = await tx.query<{ record: ActivityEvent }>(
    'delete from visitor_activity where anonymous_id = any($1::text[]) returning record',
    [anonymousIds],
  );
  return rows.map((r) => r.record).sort((a, b) => a.occurredAt - b.occurredAt);
}
