import type { Migration } from '@leadflow/kit';

/**
 * The scoring service's formula in SQL: a lead's scores at `at` from its latest scores and their
 * decay inputs. Every decaying term of a dimension loses the same factor after scored_at, so the
 * uncapped value then, the half-life and the cap give the dimension at any later time.
 */
export const leadScoreAtFunction: Migration = {
  name: '017_lead_score_at',
  sql: `
    create function lead_score_at(fit double precision, scored_at timestamptz, decay jsonb, at timestamptz)
    returns table (total int, grade text, intent double precision, readiness double precision)
    language sql stable as $$
      with terms as (
        select t->>'kind' as kind,
               least((t->>'cap')::float8, (t->>'uncapped')::float8
                 * power(2::float8, -greatest(0::float8, extract(epoch from at - scored_at)::float8 * 1000)
                                    / ((t->>'halfLifeDays')::float8 * 86400000))) as points
        from jsonb_array_elements(decay->'terms') t),
      scores as (
        select greatest(0::float8, coalesce(sum(points) filter (where kind = 'intent'), 0) - (decay->>'intentPenalty')::float8) as intent,
               coalesce(sum(points) filter (where kind = 'readiness'), 0) as readiness
        from terms),
      totals as (
        select intent, readiness,
               least((decay->>'maxTotal')::int,
                     greatest(0, floor(100 * (fit + intent + readiness) / (decay->>'totalDenominator')::float8 + 0.5)))::int as total
        from scores)
      select total,
             case when total >= (decay->'gradeFloors'->>'A')::int then 'A'
                  when total >= (decay->'gradeFloors'->>'B')::int then 'B'
                  when total >= (decay->'gradeFloors'->>'C')::int then 'C'
                  when total >= (decay->'gradeFloors'->>'D')::int then 'D'
                  else 'F' end,
             intent, readiness
      from totals
      where decay is not null and scored_at is not null
    $$;
    comment on function lead_score_at(double precision, timestamptz, jsonb, timestamptz) is
      'A lead''s total, grade, intent and readiness at a time at or after scored_at, from lead_current''s fit, scored_at and score_decay; no row when score_decay is null';`,
};
