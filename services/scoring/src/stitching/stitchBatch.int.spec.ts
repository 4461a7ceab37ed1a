import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { connectPipeline, createLogger, inTransaction, loadConfig, migrate, Outbox, outboxMigration, startOutboxRelay, testing, type ConsumedRecord, type OutboxRelay, type Pipeline } from '@leadflow/kit';
import type { ActivityEvent } from '@leadflow/schemas';
import { scoringConfigSchema } from '../config';
import { scoringMigrations } from '../db/migrations';
import { pruneScoringTables } from '../retention';
import { heldActivityBound } from './heldActivityBound';
import { stitchBatch } from './stitchBatch';

const DAY_MS = 86_400_000;
const HORIZON_DAYS = 365;

const pageView = (anonymousId: string, occurredAt: number): ActivityEvent => ({
  eventId: randomUUID(),
  occurredAt,
  receivedAt: occurredAt,
  source: 'web',
  anonymousId,
  type: 'page_viewed',
  payload: { url: 'https://example.com/pricing' },
});

const identified = (anonymousId: string, leadId: string, occurredAt: number): ActivityEvent => ({
  eventId: randomUUID(),
  occurredAt,
  receivedAt: occurredAt,
  source: 'web',
  leadId,
  anonymousId,
  type: 'lead_identified',
  payload: { anonymousId, leadId },
});

const consumed = (values: ActivityEvent[]): ConsumedRecord<ActivityEvent>[] =>
  values.map((value, i) => ({ value, topic: 'leads.engagement.v1', partition: 0, offset: String(i), key: null, raw: null, headers: {} }));

describe('identity stitching keeps held visitor activity bounded, on the real broker, registry and Postgres', () => {
  const now = Date.now();
  let run: testing.IsolatedRun;
  let pipeline: Pipeline;
  let relay: OutboxRelay;
  let outbox: Outbox;
  let pool: Pool;
  const bound = { ...heldActivityBound(HORIZON_DAYS), releaseChunk: 100 };

  const stitch = (values: ActivityEvent[]) => inTransaction(pool, (tx) => stitchBatch({ outbox, codecs: pipeline.codecs, bound })(consumed(values), tx));
  const heldOf = async (anonymousId: string) =>
    Number((await pool.query<{ n: string }>('select count(*) as n from visitor_activity where anonymous_id = $1', [anonymousId])).rows[0]?.n);
  const visitorKnown = async (anonymousId: string) => (await pool.query('select 1 from visitors where anonymous_id = $1', [anonymousId])).rowCount === 1;

  beforeAll(async () => {
    run = await testing.isolatedRun('stitching');
    const config = loadConfig(scoringConfigSchema, run.env);
    pipeline = await connectPipeline('stitching-test', config, createLogger('stitching-test', 'warn'));
    pool = new Pool({ connectionString: run.databaseUrl, max: 2 });
    await migrate(pool, 'scoring', [outboxMigration, ...scoringMigrations]);
    outbox = new Outbox(`${run.namespace}scoring`);
    relay = await startOutboxRelay({ kafka: pipeline.kafka, pool, outbox, namespace: run.namespace, logger: createLogger('stitching-test', 'warn') });
  });

  afterAll(async () => {
    await relay?.stop();
    await pool?.end();
    await run?.cleanUp();
  });

  it('releases a long anonymous history in chunks, dropping what is beyond the horizon at identification; the retention step prunes never-identified visitors', async () => {
    // prepare: 350 held views within the horizon, 4 beyond it, a visitor never identified whose only view is long past, and traffic of now
    const visitor = `v-${run.id}`;
    const forgotten = `f-${run.id}`;
    const leadId = `lead-${run.id}`;
    const within = Array.from({ length: 350 }, (_, i) => pageView(visitor, now - (i + 1) * 60_000));
    const beyond = Array.from({ length: 4 }, (_, i) => pageView(visitor, now - (HORIZON_DAYS + 1 + i) * DAY_MS));
    await stitch([...within, ...beyond, pageView(forgotten, now - (HORIZON_DAYS + 60) * DAY_MS), pageView(`present-${run.id}`, now)]);
    const heldBefore = await heldOf(visitor);

    // act
    await stitch([identified(visitor, leadId, now)]);
    await pruneScoringTables(pool, { appliedIds: { horizonDays: HORIZON_DAYS, marginDays: bound.graceDays }, heldActivity: bound, chunk: 1_000 }, now);
    const published = await testing.collectRecords(pipeline.kafka, pipeline.codecs.activityByLead, (records) => records.length >= within.length, 30_000);

    // assert
    expect(heldBefore).toBe(within.length + beyond.length);
    expect(await heldOf(visitor)).toBe(0);
    expect(published.filter((e) => e.leadId === leadId && e.type === 'page_viewed').map((e) => e.eventId).sort()).toEqual(within.map((e) => e.eventId).sort());
    expect(published.some((e) => beyond.some((b) => b.eventId === e.eventId))).toBe(false);
    expect(await heldOf(forgotten)).toBe(0);
    expect(await visitorKnown(forgotten)).toBe(false);
    expect(await visitorKnown(visitor)).toBe(true);
  });
});
