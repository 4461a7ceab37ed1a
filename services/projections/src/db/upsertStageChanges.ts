import type { PoolClient } from 'pg';
import type { StageChange } from '../domain/foldStageChanges';

/** Applies stage changes in one statement; stage timestamps keep their earliest value. */
export async function upsertStageChanges(tx: PoolClient, changes: StageChange[]): Promise<void> {
  if (changes.length === 0) return;
  const ts = (ms: number | null) => (ms === null ? null : ms);
  await tx.query(
    `insert into lead_current (lead_id, stage, stage_changed_at, mql_at, sql_at, do_not_contact)
     select l, coalesce(s, 'lead'), to_timestamp(c / 1000.0), to_timestamp(m / 1000.0), to_timestamp(q / 1000.0), d
     from unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::boolean[]) as u(l, s, c, m, q, d)
     on conflict (lead_id) do update set
       stage = case when excluded.stage_changed_at is not null
                     and (lead_current.stage_changed_at is null or lead_current.stage_changed_at <= excluded.stage_changed_at)
                    then excluded.stage else lead_current.stage end,
       stage_changed_at = greatest(lead_current.stage_changed_at, excluded.stage_changed_at),
       mql_at = least(lead_current.mql_at, excluded.mql_at),
       sql_at = least(lead_current.sql_at, excluded.sql_at),
       do_not_contact = lead_current.do_not_contact or excluded.do_not_contact,
       updated_at = now()`,
    [
      changes.map((c) => c.leadId),
      changes.map((c) => c.stage),
      changes.map((c) => ts(c.stageChangedAt)),
      changes.map((c) => ts(c.mqlAt)),
      changes.map((c) => ts(c.sqlAt)),
      changes.map((c) => c.doNotContact),
    ],
  );
}
