import type { PoolClient } from 'pg';
import { keyHashOf } from '@leadflow/kit';

export interface LeadTimer {
  leadId: string;
  timer: string;
  dueAt: number;
}

/** Makes the stored timers of these leads exactly `timers` (one delete and one insert), each with its lead's key hash. */
export async function replaceTimers(tx: PoolClient, leadIds: string[], timers: LeadTimer[]): Promise<void> {
  if (leadIds.length === 0) return;
  await tx.query('delete from lead_timers where lead_id = any($1::text[])', [leadIds]);
  if (timers.length === 0) return;
  await tx.query(
    'insert into lead_timers (lead_id, timer, due_at, key_hash) select * from unnest($1::text[], $2::text[], $3::bigint[], $4::int[])',
    [timers.map((t) => t.leadId), timers.map((t) => t.timer), timers.map((t) => t.dueAt), timers.map((t) => keyHashOf(t.leadId))],
  );
}
