import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool, inTransaction, migrate, testing } from '@leadflow/kit';
import type { LeadScored, ScoreDecay } from '@leadflow/schemas';
import { foldLatestScores } from '../../domain';
import { projectionMigrations } from '../migrations';
import { upsertLatestScores } from '../upsertLatestScores';

const DAY = 86_400_000;
/** Four weeks ago, to the second: lead_current_now evaluates at now(), 28 days after the scores. */
const T = Math.floor(Date.now() / 1000) * 1000 - 28 * DAY;
const floors = { A: 80, B: 60, C: 40, D: 20 };

function scores(leadId: string, fit: number, total: number, grade: LeadScored['grade'], decay: ScoreDecay | undefined): LeadScored {
  return {
    eventId: randomUUID(),
    leadId,
    modelVersion: 'default.v1',
    evaluatedAt: T,
    cause: 'event',
    causeEventIds: [],
    fit,
    intent: 0,
    readiness: 0,
    total,
    grade,
    breakdown: [],
    signals: { contactConsent: 'unknown', unsubscribed: false, demoRequested: false, contactRequested: false, bantEstablished: [] },
    eventsApplied: 1,
    ...(decay && { decay }),
  };
}

describe('scores as of any time, in SQL', () => {
  let run: testing.IsolatedRun;
  let pool: Pool;

  beforeAll(async () => {
    run = await testing.isolatedRun('score-at');
    pool = await createPool(run.databaseUrl, { schema: 'analytics' });
    await migrate(pool, 'projections', projectionMigrations);
    const engaged = scores('engaged', 30, 35, 'D', {
      terms: [
        { kind: 'intent', dimension: 'contentEngagement', uncapped: 40, cap: 25, halfLifeDays: 14 },
        { kind: 'readiness', dimension: 'need', uncapped: 20, cap: 20, halfLifeDays: 90 },
      ],
      intentPenalty: 0,
      totalDenominator: 215,
      maxTotal: 100,
      gradeFloors: floors,
    });
    const disqualified = scores('disqualified', 60, 20, 'D', {
      terms: [{ kind: 'intent', dimension: 'featureInterest', uncapped: 30, cap: 25, halfLifeDays: 14 }],
      intentPenalty: 15,
      totalDenominator: 215,
      maxTotal: 20,
      gradeFloors: floors,
    });
    const older = scores('older', 50, 77, 'B', undefined);
    await inTransaction(pool, (tx) => upsertLatestScores(tx, foldLatestScores([engaged, disqualified, older])));
  });

  afterAll(async () => {
    await pool?.end();
    await run?.cleanUp();
  });

  const at = async (leadId: string, ms: number) => {
    const { rows } = await pool.query(
      `select s.total, s.grade, round(s.intent::numeric, 4)::float8 as intent, round(s.readiness::numeric, 4)::float8 as readiness
         from lead_current l, lead_score_at(l.fit, l.scored_at, l.score_decay, to_timestamp($2 / 1000.0)) s where l.lead_id = $1`,
      [leadId, ms],
    );
    return rows[0];
  };

  it('decays each dimension from its uncapped value, then caps it, as scoring does', async () => {
    // intent min(25, 40·2^(−t/14 d)); readiness 20·2^(−t/90 d); total round(100·(30 + intent + readiness)/215).
    expect(await at('engaged', T)).toEqual({ total: 35, grade: 'D', intent: 25, readiness: 20 });
    expect(await at('engaged', T + 14 * DAY)).toEqual({ total: 32, grade: 'D', intent: 20, readiness: 17.9557 });
    expect(await at('engaged', T + 28 * DAY)).toEqual({ total: 26, grade: 'D', intent: 10, readiness: 16.1204 });
    expect(await at('engaged', T + 200 * DAY)).toEqual({ total: 16, grade: 'F', intent: 0.002, readiness: 4.2862 });
  });

  it('takes the unsubscribe penalty off intent and keeps a disqualified lead under its ceiling', async () => {
    expect(await at('disqualified', T)).toEqual({ total: 20, grade: 'D', intent: 10, readiness: 0 });
    expect(await at('disqualified', T + 10 * DAY)).toEqual({ total: 20, grade: 'D', intent: 3.2852, readiness: 0 });
  });

  it('shows every lead as of the query in lead_current_now, the scores as of scored_at when no decay inputs are stored', async () => {
    const { rows } = await pool.query(
      `select lead_id, total, grade, total_now, grade_now, score_as_of = now() as as_of_now from lead_current_now order by lead_id`,
    );

    expect(rows).toEqual([
      { lead_id: 'disqualified', total: 20, grade: 'D', total_now: 20, grade_now: 'D', as_of_now: true },
      { lead_id: 'engaged', total: 35, grade: 'D', total_now: 26, grade_now: 'D', as_of_now: true },
      { lead_id: 'older', total: 77, grade: 'B', total_now: 77, grade_now: 'B', as_of_now: true },
    ]);
  });
});
