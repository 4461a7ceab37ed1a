import type { Pool } from 'pg';

/** The latest event time scoring holds, applied or held for a visitor (two index lookups), or undefined when it holds none. */
export async function latestEventTime(pool: Pool): Promise<number | undefined> {
  const { rows } = await pool.query<{ latest: string | null }>(
    `select greatest((select max(occurred_at) from scoring_applied_events), (select max(occurred_at) from visitor_activity)) as latest`,
  );
  const latest = rows[0]?.latest;
  return latest === undefined || latest === null ? undefined : Number(latest);
}
