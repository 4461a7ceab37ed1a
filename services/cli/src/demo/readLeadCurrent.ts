import type { Pool } from 'pg';

export interface LeadCurrentRow {
  lead_id: string;
  stage: string;
  grade: string | null;
  total: number | null;
  fit: number | null;
  intent: number | null;
  readiness: number | null;
  owner: string | null;
  /** When the lead was first handed to sales. */
  sql_at: Date | null;
}

/** The `lead_current` rows of these leads. */
export async function readLeadCurrent(pool: Pool, leadIds: string[]): Promise<LeadCurrentRow[]> {
  const { rows } = await pool.query<LeadCurrentRow>(
    `select lead_id, stage, grade, total, fit, intent, readiness, owner, sql_at from analytics.lead_current
     where lead_id = any($1::text[]) order by total desc nulls last`,
    [leadIds],
  );
  return rows;
}

/**
 * Polls `lead_current` until every lead is there and `done` holds for the rows, then until nothing
 * changed for `quietMs`, so the answer reflects the whole pipeline having settled.
 */
export async function waitForLeads(
  pool: Pool,
  leadIds: string[],
  done: (rows: LeadCurrentRow[]) => boolean,
  { timeoutMs = 60_000, quietMs = 1500 } = {},
): Promise<LeadCurrentRow[]> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const rows = await readLeadCurrent(pool, leadIds).catch(() => [] as LeadCurrentRow[]);
    const snapshot = JSON.stringify(rows);
    if (snapshot !== last) {
      last = snapshot;
      stableSince = Date.now();
    }
    const settled = rows.length === leadIds.length && done(rows) && Date.now() - stableSince >= quietMs;
    if (settled || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
