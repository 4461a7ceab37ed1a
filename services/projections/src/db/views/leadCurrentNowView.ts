import type { Migration } from '@leadflow/kit';

/** lead_current with the scores as of the query, not as of the latest scores. */
export const leadCurrentNowView: Migration = {
  name: '018_lead_current_now',
  sql: `
    create view lead_current_now as
    select l.*, coalesce(n.total, l.total) as total_now, coalesce(n.grade, l.grade) as grade_now,
           coalesce(n.intent, l.intent) as intent_now, coalesce(n.readiness, l.readiness) as readiness_now,
           now() as score_as_of
    from lead_current l
    left join lateral lead_score_at(l.fit, l.scored_at, l.score_decay, now()) n on true;
    comment on view lead_current_now is 'lead_current with each lead''s scores decayed to the query time (score_as_of): what an analyst should read for how hot a lead is now';
    comment on column lead_current_now.total_now is 'Total score 0-100 as of score_as_of: the latest scores with intent and readiness decayed to that time';
    comment on column lead_current_now.grade_now is 'Grade of total_now: A (80-100), B (60-79), C (40-59), D (20-39), F (0-19) by default';
    comment on column lead_current_now.intent_now is 'Intent (behavioural) score 0-80 decayed to score_as_of, after any unsubscribe penalty';
    comment on column lead_current_now.readiness_now is 'Readiness (BANT) score 0-70 decayed to score_as_of';
    comment on column lead_current_now.score_as_of is 'The time the *_now columns are evaluated at: the start of the query''s transaction (now())';`,
};
