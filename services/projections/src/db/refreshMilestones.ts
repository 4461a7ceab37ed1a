import type { PoolClient } from 'pg';
import { stageOrder } from '../domain';

const first = (type: string) => `min(t.occurred_at) filter (where t.type = '${type}')`;
const firstOf = (column: string, type: string) => `(array_agg(t.${column} order by t.occurred_at) filter (where t.type = '${type}'))[1]`;

/**
 * Recomputes the stage and milestones of leads whose transitions were retracted from the transitions
 * that remain (the latest stage change, ties by stage order; first MQL, SQL,
 * acceptance, ..., last recycling, with their grades and amounts): a retracted change, however late
 * in event time, no longer decides the stage. A lead back at `lead` or `mql` has no sales owner.
 * Runs after `upsertStageChanges` locked the rows.
 */
export async function refreshMilestones(tx: PoolClient, leadIds: string[]): Promise<void> {
  if (leadIds.length === 0) return;
  await tx.query(
    `update lead_current c set
       stage = coalesce(m.stage, 'lead'), stage_changed_at = m.stage_changed_at,
       mql_at = m.mql_at, sql_at = m.sql_at, accepted_at = m.accepted_at, opportunity_at = m.opportunity_at,
       won_at = m.won_at, lost_at = m.lost_at, disqualified_at = m.disqualified_at, recycled_at = m.recycled_at,
       grade_at_mql = m.grade_at_mql, grade_at_sql = m.grade_at_sql,
       opportunity_amount = m.opportunity_amount, won_amount = m.won_amount,
       owner = case when coalesce(m.stage, 'lead') in ('lead', 'mql') then null else c.owner end,
       team = case when coalesce(m.stage, 'lead') in ('lead', 'mql') then null else c.team end,
       assigned_at = case when coalesce(m.stage, 'lead') in ('lead', 'mql') then null else c.assigned_at end,
       updated_at = now()
     from (select l.lead_id,
                  (array_agg(t.to_stage order by t.occurred_at desc, array_position($2::text[], t.to_stage) desc)
                     filter (where t.to_stage is not null))[1] as stage,
                  max(t.occurred_at) filter (where t.to_stage is not null) as stage_changed_at,
                  ${first('lead_qualified_mql')} as mql_at,
                  ${first('lead_qualified_sql')} as sql_at,
                  min(t.occurred_at) filter (where t.type = 'sales_accepted' or (t.type = 'opportunity_opened' and t.from_stage = 'sql')) as accepted_at,
                  ${first('opportunity_opened')} as opportunity_at,
                  ${first('deal_won')} as won_at,
                  ${first('deal_lost')} as lost_at,
                  ${first('lead_disqualified')} as disqualified_at,
                  max(t.occurred_at) filter (where t.type = 'lead_recycled') as recycled_at,
                  ${firstOf('grade', 'lead_qualified_mql')} as grade_at_mql,
                  ${firstOf('grade', 'lead_qualified_sql')} as grade_at_sql,
                  ${firstOf('amount', 'opportunity_opened')} as opportunity_amount,
                  ${firstOf('amount', 'deal_won')} as won_amount
           from unnest($1::text[]) as l(lead_id)
           left join lead_transitions t on t.lead_id = l.lead_id
           group by l.lead_id) m
     where c.lead_id = m.lead_id`,
    [leadIds, stageOrder],
  );
}
