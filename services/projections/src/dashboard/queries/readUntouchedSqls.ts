import type { Pool } from 'pg';

/** A sales-qualified lead nobody has touched yet, as `/api/untouched` returns it. */
export interface UntouchedSql {
  leadId: string;
  owner: string | null;
  team: string | null;
  grade: string | null;
  /** ISO 8601, UTC. */
  sqlAt: string;
  hoursWaiting: number;
}

/** The `limit` sales-qualified leads that have waited longest for a first touch. */
export async function readUntouchedSqls(pool: Pool, limit: number): Promise<UntouchedSql[]> {
  const { rows } = await pool.query<UntouchedSql>(
    `select lead_id as "leadId", owner, team, grade,
            to_char(sql_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "sqlAt",
            hours_waiting::float8 as "hoursWaiting"
       from untouched_sqls
      order by hours_waiting desc, lead_id
      limit $1`,
    [limit],
  );
  return rows;
}
