import type { Migration } from '@leadflow/kit';

/** Leads sales has but has not contacted since the hand-off. */
export const untouchedSqlsView: Migration = {
  name: '012_untouched_sqls',
  sql: `
    create view untouched_sqls as
    select l.lead_id, l.owner, l.team, l.grade, q.sql_at,
           round((extract(epoch from now() - q.sql_at) / 3600)::numeric, 1) as hours_waiting
    from lead_current l
    cross join lateral (
      select coalesce(max(t.occurred_at), l.sql_at) as sql_at
      from lead_transitions t where t.lead_id = l.lead_id and t.type = 'lead_qualified_sql') q
    where l.stage in ('sql', 'accepted') and not l.do_not_contact
      and not exists (select 1 from sales_activity a where a.lead_id = l.lead_id and a.occurred_at >= q.sql_at);
    comment on view untouched_sqls is 'Leads at stage sql or accepted that no one contacted since they were (last) handed to sales; do-not-contact leads are left out';
    comment on column untouched_sqls.lead_id is 'The lead';
    comment on column untouched_sqls.owner is 'Its current owner';
    comment on column untouched_sqls.team is 'Its current team';
    comment on column untouched_sqls.grade is 'Its current grade';
    comment on column untouched_sqls.sql_at is 'When it was last handed to sales';
    comment on column untouched_sqls.hours_waiting is 'Hours since then, by the database clock';`,
};
