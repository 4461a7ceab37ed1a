import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import {
  connectPipeline,
  createLogger,
  inTransaction,
  loadConfig,
  migrate,
  Outbox,
  outboxMigration,
  testing,
  type ConsumedRecord,
  type Pipeline,
  type RefusedRecord,
} from '@leadflow/kit';
import type { ActivityEvent, LeadActivityEvent } from '@leadflow/schemas';
import { scoringConfigSchema, type ScoringConfig } from '../config';
import { claimEventIds } from '../db/claimEventIds';
import { scoringMigrations } from '../db/migrations';
import { scoreBatch } from '../kafka/scoreBatch';
import { loadScoringModel, scoringRetentionOf } from '../startScoring';
import { stitchBatch } from '../stitching/stitchBatch';
import { appliedFloorAt } from './appliedFloor';
import { lockAppliedFloor } from './lockAppliedFloor';
import { pruneScoringTables } from './pruneScoringTables';
import { raiseAppliedFloor } from './raiseAppliedFloor';
import { startRetentionTicker } from './startRetentionTicker';

const DAY_MS = 86_400_000;

const pricingView = (leadId: string, occurredAt: number): LeadActivityEvent => ({
  eventId: randomUUID(),
  type: 'page_viewed',
  occurredAt,
  receivedAt: occurredAt,
  source: 'web',
  leadId,
  payload: { url: '/pricing', durationSec: 120 },
});

const anonymousView = (anonymousId: string, occurredAt: number): ActivityEvent => ({
  eventId: randomUUID(),
  type: 'page_viewed',
  occurredAt,
  receivedAt: occurredAt,
  source: 'web',
  anonymousId,
  payload: { url: '/pricing' },
});

const consumed = <T>(values: T[]): ConsumedRecord<T>[] =>
  values.map((value, i) => ({ value, topic: 'leads.activity-by-lead.v1', partition: 0, offset: String(i), key: null, raw: null, headers: {} }));

describe('scoring keeps its internal tables bounded, on the real broker, registry and Postgres', () => {
  const now = Date.now();
  let run: testing.IsolatedRun;
  let pipeline: Pipeline;
  let outbox: Outbox;
  let pool: Pool;
  let config: ScoringConfig;
  let model: ReturnType<typeof loadScoringModel>;

  const score = (events: LeadActivityEvent[]): Promise<RefusedRecord[]> =>
    inTransaction(pool, (tx) => scoreBatch({ model, outbox, codecs: pipeline.codecs })(consumed(events), tx));
  const stitch = (events: ActivityEvent[]) =>
    inTransaction(pool, (tx) => stitchBatch({ outbox, codecs: pipeline.codecs, bound: scoringRetentionOf(config, model).heldActivity })(consumed(events), tx));
  const appliedIds = async (events: LeadActivityEvent[]) =>
    (await pool.query<{ event_id: string }>('select event_id from scoring_applied_events where event_id = any($1::uuid[])', [events.map((e) => e.eventId)])).rows
      .map((r) => r.event_id)
      .sort();
  const eventsAppliedOf = async (leadId: string) =>
    (await pool.query<{ n: number }>(`select (state->>'eventsApplied')::int as n from lead_score_state where lead_id = $1`, [leadId])).rows[0]?.n;
  const heldOf = async (anonymousId: string) =>
    Number((await pool.query<{ n: string }>('select count(*) as n from visitor_activity where anonymous_id = $1', [anonymousId])).rows[0]?.n);
  const visitorKnown = async (anonymousId: string) => (await pool.query('select 1 from visitors where anonymous_id = $1', [anonymousId])).rowCount === 1;

  beforeAll(async () => {
    run = await testing.isolatedRun('retention');
    config = loadConfig(scoringConfigSchema, run.env);
    model = loadScoringModel(config.SCORING_MODEL_FILE);
    pipeline = await connectPipeline('retention-test', config, createLogger('retention-test', 'warn'));
    outbox = new Outbox(`${run.namespace}scoring`);
    pool = new Pool({ connectionString: run.databaseUrl, max: 4 });
    // what the batches write to the outbox stays there: this test looks at scoring's own tables
    await migrate(pool, 'scoring', [outboxMigration, ...scoringMigrations]);
  });

  afterAll(async () => {
    await pool?.end();
    await run?.cleanUp();
  });

  it('deletes applied ids and held activity past their bounds, keeps those within, and refuses what it can no longer deduplicate', async () => {
    // prepare: events of one lead received long ago, within the bound, and now; held views of two visitors
    const retention = scoringRetentionOf(config, model);
    const leadId = `lead-${run.id}`;
    const [past, within, recent] = [now - 500 * DAY_MS, now - 300 * DAY_MS, now].map((at) => pricingView(leadId, at)) as [LeadActivityEvent, LeadActivityEvent, LeadActivityEvent];
    const forgotten = `forgotten-${run.id}`;
    const waiting = `waiting-${run.id}`;
    expect(await score([past, within, recent])).toEqual([]);
    await stitch([anonymousView(forgotten, now - 430 * DAY_MS), anonymousView(waiting, now - 100 * DAY_MS)]);
    const appliedBefore = await eventsAppliedOf(leadId);

    // act
    const pruned = await pruneScoringTables(pool, retention, now);

    // assert: what is past the bound is gone, what is within stays
    const floor = appliedFloorAt(retention.appliedIds, now);
    expect(floor).toBeGreaterThan(past.occurredAt);
    expect(floor).toBeLessThanOrEqual(within.occurredAt);
    expect(pruned).toEqual({ scoring_applied_events: 1, visitor_activity: 1 });
    expect(await appliedIds([past, within, recent])).toEqual([within.eventId, recent.eventId].sort());
    expect(await inTransaction(pool, lockAppliedFloor)).toBe(floor);
    expect([await heldOf(forgotten), await visitorKnown(forgotten)]).toEqual([0, false]);
    expect([await heldOf(waiting), await visitorKnown(waiting)]).toEqual([1, true]);

    // assert: a duplicate within the bound applies once; one past it is refused as too old, not applied again
    const redelivered = await score([past, within, recent]);
    expect(redelivered.map((r) => [r.record.offset, r.error.message])).toEqual([['0', expect.stringMatching(/older than scoring still deduplicates/)]]);
    expect(await eventsAppliedOf(leadId)).toBe(appliedBefore);
    const late = pricingView(leadId, now - 100 * DAY_MS);
    expect(await score([late, late])).toEqual([]);
    expect(await score([late])).toEqual([]);
    expect(await eventsAppliedOf(leadId)).toBe((appliedBefore ?? 0) + 1);
    expect(await appliedIds([past])).toEqual([]);
  });

  it('is enforced by the running ticker, in chunks, counting what it deletes', async () => {
    // prepare: a backlog of ids far past the bound (as an upgraded database holds), more than one chunk
    const retention = { ...scoringRetentionOf(config, model), chunk: 2 };
    const backlog = Array.from({ length: 5 }, (_, i) => pricingView(`lead-ticker-${run.id}`, now - (600 + i) * DAY_MS));
    await inTransaction(pool, (tx) => claimEventIds(tx, backlog));
    const metrics = new Registry();

    // act
    const ticker = startRetentionTicker({ pool, retention, metrics }, createLogger('retention-test', 'warn'), 60_000, () => now);
    await testing.waitFor('the backlog pruned', () => appliedIds(backlog), (ids) => ids.length === 0);
    await ticker.stop();

    // assert
    const counted = (await metrics.getSingleMetric('leadflow_retention_pruned_rows_total')?.get())?.values.find((v) => v.labels.table === 'scoring_applied_events');
    expect(counted?.value).toBe(backlog.length);
  });

  it('raises the floor only once the batches that read the old one have committed', async () => {
    // prepare: a batch holding the floor it read
    const batch = await pool.connect();
    await batch.query('begin');
    const read = await lockAppliedFloor(batch);
    const raisedTo = (read ?? 0) + DAY_MS;

    // act: the raise waits on the batch's lock
    const raising = inTransaction(pool, (tx) => raiseAppliedFloor(tx, raisedTo));
    const waiting = async () =>
      (await pool.query(`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%update scoring_applied_floor%'`)).rowCount;
    await testing.waitFor('the raise to wait for the batch', waiting, (n) => n === 1);
    await batch.query('commit');
    batch.release();

    // assert
    expect(await raising).toBe(raisedTo);
    expect(await inTransaction(pool, lockAppliedFloor)).toBe(raisedTo);
  });
});
