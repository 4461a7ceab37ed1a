import type { Pool } from 'pg';

/** SLA outcomes of one owner in a team, as `/api/sla` returns them. */
export interface SlaOwnerPerformance {
  team: string;
  owner: string;
  started: number;
  met: number;
  breached: number;
  metRate: number | null;
  medianMinutesToFirstTouch: number | null;
  p90MinutesToFirstTouch: number | null;
}

/** SLA performance of every owner, by team. */
export async function readSlaPerformance(pool: Pool): Promise<SlaOwnerPerformance[]> {
  const { rows } = await pool.query<SlaOwnerPerformance>(
    `select team, owner, started::int as started, met::int as met, breached::int as breached,
            met_rate::float8 as "metRate",
            median_minutes_to_first_touch::float8 as "medianMinutesToFirstTouch",
            p90_minutes_to_first_touch::float8 as "p90MinutesToFirstTouch"
       from sla_performance
      order by team, owner`,
  );
  return rows;
}
