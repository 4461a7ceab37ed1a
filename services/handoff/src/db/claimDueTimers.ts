import type { Pool, PoolClient } from 'pg';
import { lockLeads } from './lockLeads';
import type { LeadTimer } from './replaceTimers';

/**
 * Claims due timers, earliest first: finds the leads with due timers, takes their lead locks (in the
 * order every decider takes them), then reads their timers still due. A timer another transaction
 * fired meanwhile (the consumer applying the same lead, or another instance) is gone by then and
 * never fires twice; locking rows before the leads would wait in a cycle with the consumer.
 */
export async function claimDueTimers(tx: PoolClient, nowMs: number, limit: number): Promise<LeadTimer[]> {
  const due = await tx.query<{ lead_id: string }>('select lead_id from lead_timers where due_at <= $1 order by due_at limit $2', [nowMs, limit]);
  const leadIds = [...new Set(due.rows.map((r) => r.lead_id))];
  if (leadIds.length === 0) return [];
  await lockLeads(tx, leadIds);
  const { rows } = await tx.query<{ lead_id: string; timer: string; due_at: string }>(
    `select lead_id, timer, due_at from lead_timers where lead_id = any($1::text[]) and due_at <= $2
     order by due_at for update`,
    [leadIds, nowMs],
  );
  return rows.map((r) => ({ leadId: r.lead_id, timer: r.timer, dueAt: Number(r.due_at) }));
}

/** The earliest due time of any stored timer, if one is due by `nowMs`. */
export async function earliestDueTimer(db: Pool | PoolClient, nowMs: number): Promise<number | undefined> {
  const { rows } = await db.query<{ due_at: string | null }>('select min(due_at) as due_at from lead_timers where due_at <= $1', [nowMs]);
  return rows[0]?.due_at == null ? undefined : Number(rows[0].due_at);
}
