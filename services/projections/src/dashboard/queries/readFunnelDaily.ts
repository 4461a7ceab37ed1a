import type { Pool } from 'pg';

/** One day × campaign × source of the funnel, as `/api/funnel` returns it. */
export interface FunnelDay {
  /** `YYYY-MM-DD`. */
  day: string;
  campaignId: string | null;
  source: string | null;
  newLeads: number;
  mql: number;
  sql: number;
  accepted: number;
  opportunities: number;
  won: number;
  requalified: number;
  mqlRate: number | null;
  sqlRate: number | null;
  acceptRate: number | null;
  opportunityRate: number | null;
  winRate: number | null;
  avgDaysLeadToSql: number | null;
}

/** The funnel of the last `days` days (today included), oldest first. */
export async function readFunnelDaily(pool: Pool, days: number): Promise<FunnelDay[]> {
  const { rows } = await pool.query<FunnelDay>(
    `select day::text as day, campaign_id as "campaignId", source,
            new_leads::int as "newLeads", mql::int as mql, "sql"::int as "sql", accepted::int as accepted,
            opportunities::int as opportunities, won::int as won, requalified::int as requalified,
            mql_rate::float8 as "mqlRate", sql_rate::float8 as "sqlRate", accept_rate::float8 as "acceptRate",
            opportunity_rate::float8 as "opportunityRate", win_rate::float8 as "winRate",
            avg_days_lead_to_sql::float8 as "avgDaysLeadToSql"
       from funnel_daily
      where day > current_date - $1::int
      order by day, campaign_id nulls first, source nulls first`,
    [days],
  );
  return rows;
}
