import type { Migration } from '@leadflow/kit';

/** The decay inputs of a lead's latest scores, from which SQL evaluates them at any later time; the score columns say as of when they are. */
export const leadCurrentScoreDecay: Migration = {
  name: '008_lead_current_score_decay',
  sql: `
    alter table lead_current add column score_decay jsonb;
    comment on column lead_current.score_decay is 'Decay inputs of the latest scores (the scores topic''s decay field): each decaying dimension''s value before its cap at scored_at, its cap and half-life, and the total and grade rules; lead_score_at evaluates them at any time, lead_current_now at query time';
    comment on column lead_current.grade is 'Grade of the latest scores, as of scored_at: A (80-100) hot, B (60-79), C (40-59), D (20-39), F (0-19); lead_current_now.grade_now is the grade as of the query';
    comment on column lead_current.total is 'Total score 0-100 of the latest scores, as of scored_at (no decay since); lead_current_now.total_now is the total as of the query';
    comment on column lead_current.intent is 'Intent (behavioural) score 0-80 of the latest scores, decayed to scored_at only';
    comment on column lead_current.readiness is 'Readiness (BANT) score 0-70 of the latest scores, decayed to scored_at only';
    comment on column lead_current.scored_at is 'Event time the latest scores are evaluated at: the lead''s latest event time, or a later grade crossing decay caused';`,
};
