import type { Pool } from 'pg';

/** How many leads held a grade on a day, as `/api/grades` returns it. */
export interface GradeDay {
  /** `YYYY-MM-DD`. */
  day: string;
  grade: string;
  leads: number;
}

/** Leads per grade per day for the last `days` days (today included), oldest first. */
export async function readGradeDistribution(pool: Pool, days: number): Promise<GradeDay[]> {
  const { rows } = await pool.query<GradeDay>(
    `select day::text as day, grade, leads::int as leads
       from grade_distribution_daily
      where day > current_date - $1::int
      order by day, grade`,
    [days],
  );
  return rows;
}
