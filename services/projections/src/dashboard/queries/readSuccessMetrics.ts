import type { Pool } from 'pg';

/** One of the success metrics with the ratio it is computed from, as `/api/metrics` returns it. */
export interface SuccessMetric {
  metric: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** The success metrics, one row each, in the view's order. */
export async function readSuccessMetrics(pool: Pool): Promise<SuccessMetric[]> {
  const { rows } = await pool.query<SuccessMetric>(
    `select metric, value::float8 as value, numerator::float8 as numerator, denominator::float8 as denominator
       from success_metrics`,
  );
  return rows;
}
