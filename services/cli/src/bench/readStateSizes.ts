import type { Pool } from 'pg';

export interface StateSizes {
  leads: number;
  /** Bytes as stored (`pg_column_size`: binary jsonb, compressed when large). */
  storedAvg: number;
  storedMax: number;
  /** Bytes of the state as JSON text. */
  textAvg: number;
  textMax: number;
}

/** How much scoring state a lead takes in `lead_score_state`. */
export async function readStateSizes(pool: Pool): Promise<StateSizes> {
  const { rows } = await pool.query<{ leads: string; stored_avg: string | null; stored_max: number | null; text_avg: string | null; text_max: number | null }>(
    `select count(*) as leads,
            avg(pg_column_size(state)) as stored_avg, max(pg_column_size(state)) as stored_max,
            avg(octet_length(state::text)) as text_avg, max(octet_length(state::text)) as text_max
       from lead_score_state`,
  );
  const row = rows[0];
  return {
    leads: Number(row?.leads ?? 0),
    storedAvg: Math.round(Number(row?.stored_avg ?? 0)),
    storedMax: row?.stored_max ?? 0,
    textAvg: Math.round(Number(row?.text_avg ?? 0)),
    textMax: row?.text_max ?? 0,
  };
}
