import type { Pool } from 'pg';

export interface SuccessMetricRow {
  metric: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
}

/** The rows of the `success_metrics` view. */
export async function readSuccessMetrics(pool: Pool): Promise<SuccessMetricRow[]> {
  const { rows } = await pool.query<SuccessMetricRow>('select metric, value, numerator, denominator from analytics.success_metrics');
  return rows;
}
