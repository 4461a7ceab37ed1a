import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import {
  connectPipeline,
  createLogger,
  createPool,
  createProducer,
  inTransaction,
  loadConfig,
  publishRecords,
  testing,
  type Pipeline,
  type RunningService,
} from '@leadflow/kit';
import type { EngagementEvent } from '@leadflow/schemas';
import { scoringConfigSchema } from '../config';
import { loadLeads } from '../db/loadLeads';
import { saveLeads } from '../db/saveLeads';
import { startScoring } from '../startScoring';

const DAY = 86_400_000;

describe('scoring on the real broker, registry and Postgres', () => {
  let run: testing.IsolatedRun;
  let scoring: RunningService;
  let pipeline: Pipeline;
  let producer: Producer;
  let pool: Pool;

  beforeAll(async () => {
    run = await testing.isolatedRun('scoring');
    const config = loadConfig(scoringConfigSchema, run.env);
    pipeline = await connectPipeline('scoring-test', config, createLogger('scoring-test', 'warn'));
    producer = await createProducer(pipeline.kafka);
    scoring = await startScoring(config);
    pool = await createPool(config.DATABASE_URL);
  });

  afterAll(async () => {
    await scoring?.stop();
    await producer?.disconnect();
    await pool?.end();
    await run?.cleanUp();
  });

  const pricingView = (leadId: string, occurredAt: number, eventId = randomUUID()): EngagementEvent => ({
    eventId,
    type: 'page_viewed',
    occurredAt,
    receivedAt: Date.now(),
    source: 'test',
    leadId,
    payload: { url: '/pricing', durationSec: 120 },
  });

  it('dead-letters what it cannot decode or apply, with the reason, and goes on', async () => {
    const leadId = `lead-${run.id}`;
    const tooOld = pricingView(leadId, Date.now() - 400 * DAY);
    const good = pricingView(leadId, Date.now() - 1000);

    await producer.send({ topic: pipeline.codecs.engagement.topicName, messages: [{ key: leadId, value: Buffer.from('not avro') }] });
    await publishRecords(producer, pipeline.codecs.engagement, [tooOld, good]);

    const letters = await testing.collectRecords(pipeline.kafka, pipeline.codecs.deadLetter, (r) => r.length >= 2);
    const scores = await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.some((s) => s.leadId === leadId));
    expect(letters.map((l) => [l.originalTopic, l.errorName]).sort()).toEqual([
      [pipeline.codecs.engagement.topicName, 'DecodeError'],
      [pipeline.codecs.engagement.topicName, 'RejectedRecordError'],
    ]);
    const garbage = letters.find((l) => l.errorName === 'DecodeError');
    expect(Buffer.from(garbage?.value ?? []).toString()).toBe('not avro');
    expect(letters.find((l) => l.errorName === 'RejectedRecordError')?.reason).toMatch(/beyond the 365-day horizon/);
    expect(scores.filter((s) => s.leadId === leadId).map((s) => s.causeEventIds)).toEqual([[good.eventId]]);
  });

  it('applies an event once however often it is delivered', async () => {
    const leadId = `twice-${run.id}`;
    const event = pricingView(leadId, Date.now() - 2000);
    const marker: EngagementEvent = { ...pricingView(leadId, Date.now() - 1000), type: 'page_viewed', payload: { url: '/demo', durationSec: 60 } };

    await publishRecords(producer, pipeline.codecs.engagement, [event]);
    await publishRecords(producer, pipeline.codecs.engagement, [event, event]);
    await publishRecords(producer, pipeline.codecs.engagement, [marker]);

    const scores = await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) =>
      r.some((s) => s.causeEventIds.includes(marker.eventId)),
    );
    const forLead = scores.filter((s) => s.leadId === leadId);
    expect(forLead.map((s) => [s.eventsApplied, s.causeEventIds])).toEqual([
      [1, [event.eventId]],
      [2, [marker.eventId]],
    ]);
  });

  it('evaluates the scores again at every later event time when an event arrives late', async () => {
    const leadId = `late-${run.id}`;
    const now = Date.now();
    const first = pricingView(leadId, now - 3000);
    const last = pricingView(leadId, now - 1000);
    const late = pricingView(leadId, now - 2000);

    await publishRecords(producer, pipeline.codecs.engagement, [first, last]);
    await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.some((s) => s.leadId === leadId && s.eventsApplied === 2));
    await publishRecords(producer, pipeline.codecs.engagement, [late]);

    const scores = await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.some((s) => s.leadId === leadId && s.eventsApplied === 3));
    const forLead = scores.filter((s) => s.leadId === leadId && s.cause === 'event');
    expect(forLead.map((s) => [s.evaluatedAt, s.eventsApplied, s.causeEventIds])).toEqual([
      [first.occurredAt, 1, [first.eventId]],
      [last.occurredAt, 2, [last.eventId]],
      [late.occurredAt, 2, [late.eventId]],
      [last.occurredAt, 3, [last.eventId]],
    ]);
  });

  it('folds onto the stored row when another writer saved it since the fold kept its own copy', async () => {
    const leadId = `rewritten-${run.id}`;
    const first = pricingView(leadId, Date.now() - 3000);
    const next = pricingView(leadId, Date.now() - 1000);
    await publishRecords(producer, pipeline.codecs.engagement, [first]);
    await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.some((s) => s.causeEventIds.includes(first.eventId)));

    // a writer other than the fold (as a rescore does) saves the row: here it counts ten more events
    await inTransaction(pool, async (tx) => {
      const row = (await loadLeads(tx, [leadId])).get(leadId);
      if (!row) throw new Error('the fold stored no row');
      await saveLeads(tx, [{ ...row, state: { ...row.state, eventsApplied: row.state.eventsApplied + 10 } }]);
    });
    await publishRecords(producer, pipeline.codecs.engagement, [next]);

    const scores = await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.some((s) => s.causeEventIds.includes(next.eventId)));
    expect(scores.find((s) => s.causeEventIds.includes(next.eventId))?.eventsApplied).toBe(12);
  });
});
