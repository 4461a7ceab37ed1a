import type { Migration } from '@leadflow/kit';

/** Each lead's latest grade per day it was scored, for the grade distribution over time. */
export const gradeDailyTable: Migration = {
  name: '007_grade_daily',
  sql: `
    create table grade_daily (
      day date not null,
      lead_id text not null,
      grade text not null,
      scored_at timestamptz not null,
      events_applied int not null,
      scores_event_id uuid not null,
      primary key (day, lead_id));
    create index grade_daily_by_lead on grade_daily (lead_id, day);
    comment on table grade_daily is 'A lead''s latest grade on each UTC day it was scored (re-grading by decay included)';
    comment on column grade_daily.day is 'UTC day';
    comment on column grade_daily.lead_id is 'The lead';
    comment on column grade_daily.grade is 'The lead''s latest grade that day';
    comment on column grade_daily.scored_at is 'Event time of that grade''s scores';
    comment on column grade_daily.events_applied is 'Events folded into those scores';
    comment on column grade_daily.scores_event_id is 'Event id of those scores';`,
};
