import type { Pool } from 'pg';

/** A sales-qualified lead nobody has touched yet, as `/api/untouched` returns it. */
export interface UntouchedSql {
  leadId: string;
  owner: string | null;
  team: string | null;
  /** Its grade as of the query, decay since its latest scores included. */
  grade: string | null;
  /** ISO 8601, UTC. */
  sqlAt: string;
  hoursWaiting: number;
}

/** The `limit` sales-qualified leads that have waited longest for a first touch. */
export async function readUntouchedSqls(pool: Pool, limit: number): Promise<UntouchedSql[]> {
  const { rows } = await pool.query<UntouchedSql>(
    `select u.lead_id as "leadId", u.owner, u.team, coalesce(n.grade_now, u.grade) as grade,
            to_char(u.sql_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "sqlAt",
            u.hours_waiting::float8 as "hoursWaiting"
       from untouched_sqls u left join lead_current_now n on n.lead_id = u.lead_id
      order by u.hours_waiting desc, u.lead_id
      limit $1`,
    [limit],
  );
  return rows;
}
