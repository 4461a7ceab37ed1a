import type { Pool, PoolClient } from 'pg';
import type { LeadTimer } from './replaceTimers';

/**
 * Claims due timers, earliest first. Rows held by another transaction (the consumer applying the
 * same lead, or another instance) are skipped and picked up on a later tick, never fired twice.
 */
export async function claimDueTimers(tx: PoolClient, nowMs: number, limit: number): Promise<LeadTimer[]> {
  const { rows } = await tx.query<{ lead_id: string; timer: string; due_at: string }>(
    `select lead_id, timer, due_at from lead_timers where due_at <= $1
     order by due_at limit $2 for update skip locked`,
    [nowMs, limit],
  );
  return rows.map((r) => ({ leadId: r.lead_id, timer: r.timer, dueAt: Number(r.due_at) }));
}

/** The earliest due time of any stored timer, if one is due by `nowMs`. */
export async function earliestDueTimer(db: Pool | PoolClient, nowMs: number): Promise<number | undefined> {
  const { rows } = await db.query<{ due_at: string | null }>('select min(due_at) as due_at from lead_timers where due_at <= $1', [nowMs]);
  return rows[0]?.due_at == null ? undefined : Number(rows[0].due_at);
}
