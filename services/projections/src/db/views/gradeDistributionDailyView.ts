import type { Migration } from '@leadflow/kit';

/** How many leads held each grade at the end of each day. */
export const gradeDistributionDailyView: Migration = {
  name: '015_grade_distribution_daily',
  sql: `
    create view grade_distribution_daily as
    with spans as (
      select lead_id, grade, day, lead(day) over (partition by lead_id order by day) as next_day from grade_daily),
    last_day as (
      select greatest(max(day), (now() at time zone 'UTC')::date) as day from grade_daily)
    select d::date as day, s.grade, count(*)::int as leads
    from spans s
    cross join last_day
    cross join lateral generate_series(s.day, coalesce(s.next_day - 1, last_day.day), interval '1 day') d
    group by 1, 2;
    comment on view grade_distribution_daily is 'Per UTC day and grade: the leads whose latest grade at the end of that day was that grade, from their first scoring to today';
    comment on column grade_distribution_daily.day is 'UTC day';
    comment on column grade_distribution_daily.grade is 'A, B, C, D or F';
    comment on column grade_distribution_daily.leads is 'Leads holding that grade at the end of the day';`,
};
