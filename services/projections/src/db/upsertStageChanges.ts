import type { PoolClient } from 'pg';
import { stageOrder, type StageChange } from '../domain';
import { inLockOrder } from './inLockOrder';

const timestampOf = (epochMs: string) => `to_timestamp(${epochMs} / 1000.0)`;
const firstOf = (column: string) => `${column} = least(c.${column}, excluded.${column})`;
const withFirst = (milestone: string, column: string) =>
  `${column} = case when excluded.${milestone} is not null and (c.${milestone} is null or excluded.${milestone} < c.${milestone})
              then excluded.${column} else c.${column} end`;
const laterAssignment = 'excluded.assigned_at is not null and (c.assigned_at is null or excluded.assigned_at >= c.assigned_at)';

/**
 * Applies stage changes in one statement. The stage is the latest change (ties broken by stage
 * order, as the fold does); milestones keep their first time, recycling its last; the amounts and
 * grades go with their milestone; the owner with the latest assignment. Applying a batch again, or
 * batches in another order, leaves the same rows. (The re-qualification count is refreshed after.)
 */
export async function upsertStageChanges(tx: PoolClient, batch: StageChange[]): Promise<void> {
  if (batch.length === 0) return;
  const changes = inLockOrder(batch, (c) => c.leadId);
  await tx.query(
    `insert into lead_current as c (lead_id, stage, stage_changed_at, mql_at, sql_at, accepted_at, opportunity_at, won_at,
       lost_at, disqualified_at, recycled_at, opportunity_amount, won_amount, grade_at_mql, grade_at_sql, owner, team,
       assigned_at, do_not_contact)
     select l, coalesce(s, 'lead'), ${['sc', 'm', 'q', 'a', 'o', 'w', 'lo', 'd', 'r'].map(timestampOf).join(', ')},
            oa, wa, gm, gq, ow, tm, ${timestampOf('asg')}, dnc
     from unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[],
                 $9::bigint[], $10::bigint[], $11::bigint[], $12::numeric[], $13::numeric[], $14::text[], $15::text[],
                 $16::text[], $17::text[], $18::bigint[], $19::boolean[])
       as u(l, s, sc, m, q, a, o, w, lo, d, r, oa, wa, gm, gq, ow, tm, asg, dnc)
     on conflict (lead_id) do update set
       stage = case when excluded.stage_changed_at is not null and (c.stage_changed_at is null
                 or (c.stage_changed_at, array_position($20::text[], c.stage))
                    <= (excluded.stage_changed_at, array_position($20::text[], excluded.stage)))
               then excluded.stage else c.stage end,
       stage_changed_at = greatest(c.stage_changed_at, excluded.stage_changed_at),
       ${withFirst('mql_at', 'grade_at_mql')},
       ${withFirst('sql_at', 'grade_at_sql')},
       ${withFirst('opportunity_at', 'opportunity_amount')},
       ${withFirst('won_at', 'won_amount')},
       ${['mql_at', 'sql_at', 'accepted_at', 'opportunity_at', 'won_at', 'lost_at', 'disqualified_at'].map(firstOf).join(',\n       ')},
       recycled_at = greatest(c.recycled_at, excluded.recycled_at),
       owner = case when ${laterAssignment} then excluded.owner else c.owner end,
       team = case when ${laterAssignment} then excluded.team else c.team end,
       assigned_at = greatest(c.assigned_at, excluded.assigned_at),
       do_not_contact = c.do_not_contact or excluded.do_not_contact,
       updated_at = now()`,
    [
      changes.map((c) => c.leadId),
      changes.map((c) => c.stage),
      changes.map((c) => c.stageChangedAt),
      changes.map((c) => c.mqlAt),
      changes.map((c) => c.sqlAt),
      changes.map((c) => c.acceptedAt),
      changes.map((c) => c.opportunityAt),
      changes.map((c) => c.wonAt),
      changes.map((c) => c.lostAt),
      changes.map((c) => c.disqualifiedAt),
      changes.map((c) => c.recycledAt),
      changes.map((c) => c.opportunityAmount),
      changes.map((c) => c.wonAmount),
      changes.map((c) => c.gradeAtMql),
      changes.map((c) => c.gradeAtSql),
      changes.map((c) => c.owner),
      changes.map((c) => c.team),
      changes.map((c) => c.assignedAt),
      changes.map((c) => c.doNotContact),
      stageOrder,
    ],
  );
}
