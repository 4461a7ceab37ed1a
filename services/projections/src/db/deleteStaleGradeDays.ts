import type { PoolClient } from 'pg';

/**
 * Removes the grade days of these leads that a score of an earlier day, counting more events,
 * supersedes: they came from a partial picture (an event arrived late), and scoring has published
 * the whole one since, so whichever arrived first, only the lead's trajectory is left. Within a day
 * the upsert's order already prefers the score counting more events.
 */
export async function deleteStaleGradeDays(tx: PoolClient, leadIds: string[]): Promise<void> {
  if (leadIds.length === 0) return;
  await tx.query(
    `delete from grade_daily g using grade_daily o
     where g.lead_id = any($1::text[]) and o.lead_id = g.lead_id and o.day < g.day and o.events_applied > g.events_applied`,
    [[...new Set(leadIds)].sort()],
  );
}
