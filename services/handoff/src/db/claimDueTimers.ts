import type { Pool, PoolClient } from 'pg';
import type { PartitionWatermark } from '@leadflow/kit';
import type { LeadTimer } from './replaceTimers';

/** Below any event time: a partition nothing is known of yet. */
const NEVER = '-9223372036854775808';

/**
 * Claims due timers, earliest first: due by `nowMs`, and passed in event time by the lead's
 * partition of every input topic (`key_hash % partitions`; a timer without a hash waits for every
 * partition). Rows held by another transaction (the consumer applying the same lead, or another
 * instance) are skipped and picked up on a later tick, never fired twice.
 */
export async function claimDueTimers(tx: PoolClient, nowMs: number, limit: number, watermarks: PartitionWatermark[]): Promise<LeadTimer[]> {
  const { rows } = await tx.query<{ lead_id: string; timer: string; due_at: string }>(
    `select t.lead_id, t.timer, t.due_at from lead_timers t
     where t.due_at <= $1
       and not exists (
         select 1 from unnest($3::int[], $4::int[], $5::bigint[]) as w(partitions, partition, watermark)
         where (t.key_hash is null or w.partition = t.key_hash % w.partitions) and w.watermark < t.due_at)
     order by t.due_at limit $2 for update of t skip locked`,
    [
      nowMs,
      limit,
      watermarks.map((w) => w.partitions),
      watermarks.map((w) => w.partition),
      watermarks.map((w) => (Number.isFinite(w.watermark) ? String(Math.floor(w.watermark)) : NEVER)),
    ],
  );
  return rows.map((r) => ({ leadId: r.lead_id, timer: r.timer, dueAt: Number(r.due_at) }));
}

/** The earliest due time of any stored timer, if one is due by `nowMs`. */
export async function earliestDueTimer(db: Pool | PoolClient, nowMs: number): Promise<number | undefined> {
  const { rows } = await db.query<{ due_at: string | null }>('select min(due_at) as due_at from lead_timers where due_at <= $1', [nowMs]);
  return rows[0]?.due_at == null ? undefined : Number(rows[0].due_at);
}
