import type { Pool, PoolClient } from 'pg';
import type { PartitionWatermark } from '@leadflow/kit';
import { lockLeads } from './lockLeads';
import type { LeadTimer } from './replaceTimers';

/** Below any event time: a partition nothing is known of yet. */
const NEVER = '-9223372036854775808';

/**
 * A timer whose lead's partition of every input topic has passed its due time in event time
 * (`key_hash % partitions`; a timer without a hash waits for every partition). Parameters $3–$5
 * are the watermarks' partition counts, partitions and watermarks.
 */
const PASSED_IN_EVENT_TIME = `not exists (
  select 1 from unnest($3::int[], $4::int[], $5::bigint[]) as w(partitions, partition, watermark)
  where (t.key_hash is null or w.partition = t.key_hash % w.partitions) and w.watermark < t.due_at)`;

const watermarkParams = (watermarks: PartitionWatermark[]) => [
  watermarks.map((w) => w.partitions),
  watermarks.map((w) => w.partition),
  watermarks.map((w) => (Number.isFinite(w.watermark) ? String(Math.floor(w.watermark)) : NEVER)),
];

/**
 * Claims due timers, earliest first: due by `nowMs` and passed in event time by the lead's
 * partitions. It finds their leads, takes the lead locks (in the order every decider takes them),
 * then reads their timers still due. A timer another transaction fired meanwhile (the consumer
 * applying the same lead, or another instance) is gone by then and never fires twice; locking rows
 * before the leads would wait in a cycle with the consumer.
 */
export async function claimDueTimers(tx: PoolClient, nowMs: number, limit: number, watermarks: PartitionWatermark[]): Promise<LeadTimer[]> {
  const due = await tx.query<{ lead_id: string }>(
    `select t.lead_id from lead_timers t where t.due_at <= $1 and ${PASSED_IN_EVENT_TIME} order by t.due_at limit $2`,
    [nowMs, limit, ...watermarkParams(watermarks)],
  );
  const leadIds = [...new Set(due.rows.map((r) => r.lead_id))];
  if (leadIds.length === 0) return [];
  await lockLeads(tx, leadIds);
  const { rows } = await tx.query<{ lead_id: string; timer: string; due_at: string }>(
    `select t.lead_id, t.timer, t.due_at from lead_timers t
     where t.due_at <= $1 and t.lead_id = any($2::text[]) and ${PASSED_IN_EVENT_TIME}
     order by t.due_at for update of t`,
    [nowMs, leadIds, ...watermarkParams(watermarks)],
  );
  return rows.map((r) => ({ leadId: r.lead_id, timer: r.timer, dueAt: Number(r.due_at) }));
}

/** The earliest due time of any stored timer, if one is due by `nowMs`. */
export async function earliestDueTimer(db: Pool | PoolClient, nowMs: number): Promise<number | undefined> {
  const { rows } = await db.query<{ due_at: string | null }>('select min(due_at) as due_at from lead_timers where due_at <= $1', [nowMs]);
  return rows[0]?.due_at == null ? undefined : Number(rows[0].due_at);
}
