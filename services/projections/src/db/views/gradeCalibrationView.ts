import type { Migration } from '@leadflow/kit';

/** Whether the grades predict what sales makes of the leads. */
export const gradeCalibrationView: Migration = {
  name: '014_grade_calibration',
  sql: `
    create view grade_calibration as
    select grade,
           count(*)::int as leads,
           count(opportunity_at)::int as opportunities,
           count(won_at)::int as won,
           round(count(opportunity_at)::numeric / count(*), 4) as opportunity_rate,
           round(count(won_at)::numeric / count(*), 4) as win_rate
    from (select coalesce(grade_at_sql, grade_at_mql, grade) as grade, opportunity_at, won_at from lead_current) l
    where grade is not null
    group by grade;
    comment on view grade_calibration is 'Per grade at hand-off (grade at SQL, else at MQL, else the latest): how many leads became opportunities and were won. A good model converts A better than B better than C';
    comment on column grade_calibration.grade is 'Grade at hand-off: at SQL, else at MQL, else the latest';
    comment on column grade_calibration.leads is 'Leads with that grade';
    comment on column grade_calibration.opportunities is 'Of those, leads with an opportunity';
    comment on column grade_calibration.won is 'Of those, leads with a won deal';
    comment on column grade_calibration.opportunity_rate is 'opportunities / leads';
    comment on column grade_calibration.win_rate is 'won / leads (conversion of the grade''s leads to won, not won / opportunities)';`,
};
