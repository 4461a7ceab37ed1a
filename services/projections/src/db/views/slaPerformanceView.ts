import type { Migration } from '@leadflow/kit';

/** How sales keeps its follow-up promise, per team and owner. */
export const slaPerformanceView: Migration = {
  name: '011_sla_performance',
  sql: `
    create view sla_performance as
    with clocks as (
      -- A fact whose team was not known when it was written takes the team of the clock it ends.
      select f.*, coalesce(f.team, (
               select s.team from sla_facts s
               where s.lead_id = f.lead_id and s.type = 'sla_started' and s.occurred_at <= f.occurred_at
                 and (f.type <> 'sla_breached' or s.attempt = f.attempt)
               order by s.occurred_at desc, s.attempt desc limit 1)) as clock_team
      from sla_facts f),
    facts as (
      select f.clock_team as team, f.owner, f.type,
             case when f.type = 'sla_met' then extract(epoch from f.occurred_at - (
               select s.occurred_at from sla_facts s
               where s.lead_id = f.lead_id and s.type = 'sla_started' and s.attempt = 1 and s.occurred_at <= f.occurred_at
               order by s.occurred_at desc limit 1)) / 60 end as minutes_to_first_touch
      from clocks f)
    select team, owner,
           count(*) filter (where type = 'sla_started')::int as started,
           count(*) filter (where type = 'sla_met')::int as met,
           count(*) filter (where type = 'sla_breached')::int as breached,
           round(count(*) filter (where type = 'sla_met')::numeric
                 / nullif(count(*) filter (where type in ('sla_met', 'sla_breached')), 0), 4) as met_rate,
           round((percentile_cont(0.5) within group (order by minutes_to_first_touch))::numeric, 1) as median_minutes_to_first_touch,
           round((percentile_cont(0.9) within group (order by minutes_to_first_touch))::numeric, 1) as p90_minutes_to_first_touch
    from facts
    group by team, owner;
    comment on view sla_performance is 'SLA clocks per team and owner: started, met in time, breached, and the time from hand-off to the first touch';
    comment on column sla_performance.team is 'Sales team of the clocks';
    comment on column sla_performance.owner is 'Owner of the clocks (escalated clocks count for the owner they were escalated to)';
    comment on column sla_performance.started is 'Clocks started: at SQL (attempt 1) and at each escalation';
    comment on column sla_performance.met is 'Clocks met in time by a contact, an acceptance or an opportunity';
    comment on column sla_performance.breached is 'Clocks that ran out';
    comment on column sla_performance.met_rate is 'met / (met + breached): clocks still running or cancelled are left out';
    comment on column sla_performance.median_minutes_to_first_touch is 'Median minutes from the hand-off (the SQL clock start) to the touch that met the SLA, of the touches this owner made';
    comment on column sla_performance.p90_minutes_to_first_touch is '90th percentile of the same';`,
};
