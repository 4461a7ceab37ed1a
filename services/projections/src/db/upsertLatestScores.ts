import type { PoolClient } from 'pg';
import type { LeadScoresChange } from '../domain';
import { inLockOrder } from './inLockOrder';

const scoreColumns = ['grade', 'total', 'fit', 'intent', 'readiness', 'model_version', 'scored_at', 'events_applied', 'scores_event_id', 'score_decay'];
const firstTouchColumns = ['first_touch_at', 'first_touch_campaign', 'first_touch_source', 'marketing_sourced'];
const lastTouchColumns = ['last_touch_at', 'last_touch_campaign', 'last_touch_source'];

// The same order as isNewerScore: events applied, then event time, then event id.
const newerScore = `c.scored_at is null
  or (c.events_applied, c.scored_at, c.scores_event_id) <= (excluded.events_applied, excluded.scored_at, excluded.scores_event_id)`;
const earlierFirstTouch = 'excluded.first_touch_at is not null and (c.first_touch_at is null or excluded.first_touch_at < c.first_touch_at)';
const laterLastTouch = 'excluded.last_touch_at is not null and (c.last_touch_at is null or excluded.last_touch_at > c.last_touch_at)';

const takeWhen = (condition: string, columns: string[]) =>
  columns.map((column) => `${column} = case when ${condition} then excluded.${column} else c.${column} end`);

/**
 * Writes each lead's latest scores, first scoring and first and last touch in one statement. Each
 * part merges by its own order (newest scores, earliest first touch, latest last touch), so an
 * older or repeated batch never overwrites a newer one.
 */
export async function upsertLatestScores(tx: PoolClient, batch: LeadScoresChange[]): Promise<void> {
  if (batch.length === 0) return;
  const changes = inLockOrder(batch, (c) => c.leadId);
  await tx.query(
    `insert into lead_current as c (lead_id, grade, total, fit, intent, readiness, model_version, scored_at, events_applied,
       scores_event_id, first_scored_at, first_touch_at, first_touch_campaign, first_touch_source, marketing_sourced,
       last_touch_at, last_touch_campaign, last_touch_source, score_decay)
     select l, g, t, f, i, r, m, to_timestamp(s / 1000.0), e, id, to_timestamp(fs / 1000.0),
            to_timestamp(fta / 1000.0), ftc, fts, mk, to_timestamp(lta / 1000.0), ltc, lts, sd
     from unnest($1::text[], $2::text[], $3::int[], $4::float8[], $5::float8[], $6::float8[], $7::text[], $8::bigint[],
                 $9::int[], $10::uuid[], $11::bigint[], $12::bigint[], $13::text[], $14::text[], $15::boolean[],
                 $16::bigint[], $17::text[], $18::text[], $19::jsonb[])
       as u(l, g, t, f, i, r, m, s, e, id, fs, fta, ftc, fts, mk, lta, ltc, lts, sd)
     on conflict (lead_id) do update set
       ${[
         ...takeWhen(newerScore, scoreColumns),
         ...takeWhen(earlierFirstTouch, firstTouchColumns),
         ...takeWhen(laterLastTouch, lastTouchColumns),
       ].join(',\n       ')},
       first_scored_at = least(c.first_scored_at, excluded.first_scored_at),
       updated_at = now()`,
    [
      changes.map((c) => c.leadId),
      changes.map((c) => c.latest.grade),
      changes.map((c) => c.latest.total),
      changes.map((c) => c.latest.fit),
      changes.map((c) => c.latest.intent),
      changes.map((c) => c.latest.readiness),
      changes.map((c) => c.latest.modelVersion),
      changes.map((c) => c.latest.evaluatedAt),
      changes.map((c) => c.latest.eventsApplied),
      changes.map((c) => c.latest.eventId),
      changes.map((c) => c.firstScoredAt),
      changes.map((c) => c.firstTouch?.at ?? null),
      changes.map((c) => c.firstTouch?.campaign ?? null),
      changes.map((c) => c.firstTouch?.source ?? null),
      changes.map((c) => c.firstTouch?.marketingSourced ?? null),
      changes.map((c) => c.lastTouch?.at ?? null),
      changes.map((c) => c.lastTouch?.campaign ?? null),
      changes.map((c) => c.lastTouch?.source ?? null),
      changes.map((c) => (c.latest.decay ? JSON.stringify(c.latest.decay) : null)),
    ],
  );
}
