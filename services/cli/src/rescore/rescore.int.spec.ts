import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import {
  createLogger,
  createProducer,
  kitMigrations,
  connectPipeline,
  loadConfig,
  migrate,
  publishRecords,
  testing,
  waitUntilCaughtUp,
  type Pipeline,
  type RunningService,
} from '@leadflow/kit';
import { evaluateScores, foldActivity, initialLeadScoreState, scoringConfigSchema, scoringMigrations, startScoring } from '@leadflow/scoring';
import { grades, type LeadActivityEvent } from '@leadflow/schemas';
import { sampleJourneys } from '../simulate/sampleJourneys';
import type { LeadHistory } from './compareModels';
import { rescore, type RescoreIo } from './rescore';
import { rescoreConfigSchema } from './rescoreConfig';
import { activityOf, defaultModel, generatedHistories, historiesOf, stricterModel, writeModelFile } from './rescoreFixtures.spec';

const DAY_MS = 86_400_000;

function capturedIo(nowMs: number) {
  const out: string[] = [];
  const err: string[] = [];
  const io: RescoreIo = { out: (text) => out.push(text), err: { isTTY: false, write: (chunk: string) => err.push(chunk) }, now: () => nowMs };
  return { io, out, err };
}

async function publishedCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return offsets.reduce((n, o) => n + Number(o.high), 0);
}

/** A member of the live scoring group, as a running scoring service would be. */
async function joinGroup(kafka: Kafka, groupId: string, topic: string) {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({ eachMessage: async () => undefined });
  await joined;
  return consumer;
}

describe('leadflow rescore on the real broker, registry and Postgres', () => {
  const now = Date.now();
  const at = new Date(now).toISOString();
  let run: testing.IsolatedRun;
  let pipeline: Pipeline;
  let producer: Producer;
  let pool: Pool;
  let dir: string;
  let modelFile: string;
  let histories: LeadHistory[];
  let scoring: RunningService | undefined;

  beforeAll(async () => {
    run = await testing.isolatedRun('rescore');
    pipeline = await connectPipeline('rescore-test', loadConfig(rescoreConfigSchema, run.env), createLogger('rescore-test', 'warn'));
    producer = await createProducer(pipeline.kafka);
    pool = new Pool({ connectionString: run.databaseUrl });
    await migrate(pool, 'scoring', [...kitMigrations, ...scoringMigrations]);
    dir = mkdtempSync(join(tmpdir(), 'leadflow-rescore-'));
    modelFile = writeModelFile(dir, stricterModel(), 'stricter.v2.json');

    const oldLead = `old-${run.id}`;
    const tooOld = { eventId: randomUUID(), type: 'page_viewed', occurredAt: new Date(now - 400 * DAY_MS).toISOString(), leadId: oldLead, payload: { url: '/pricing' } };
    histories = [
      ...historiesOf(sampleJourneys(now, run.id), now),
      ...generatedHistories(`gen-${run.id}`, 50, now),
      { leadId: oldLead, events: activityOf(oldLead, [tooOld], now) },
    ];
    const events: LeadActivityEvent[] = histories.flatMap((h) => h.events);
    await publishRecords(producer, pipeline.codecs.activityByLead, events);
    await publishRecords(producer, pipeline.codecs.activityByLead, events.slice(0, 5));
  });

  afterAll(async () => {
    await scoring?.stop();
    await producer?.disconnect();
    await pool?.end();
    await run?.cleanUp();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports grades before and after, the change matrix and the differing hand-offs, and publishes and stores nothing', async () => {
    const { io, out, err } = capturedIo(now);

    const outcome = await rescore({ model: modelFile, at }, run.env, io);

    const comparison = outcome.comparison;
    if (!comparison) throw new Error('no comparison');
    const expectedBefore = { A: 0, B: 0, C: 0, D: 0, F: 0 };
    for (const { events } of histories) {
      const state = events.filter((e) => e.occurredAt > now - 365 * DAY_MS).reduce((s, e) => foldActivity(s, e, defaultModel()), initialLeadScoreState());
      expectedBefore[evaluateScores(state, defaultModel(), now).grade] += 1;
    }
    const matrixTotal = grades.reduce((n, from) => n + grades.reduce((m, to) => m + comparison.matrix[from][to], 0), 0);
    const eventCount = histories.reduce((n, h) => n + h.events.length, 0);
    expect(outcome.exitCode).toBe(0);
    expect(comparison.leads).toHaveLength(histories.length);
    expect(comparison.distribution.before).toEqual(expectedBefore);
    expect(matrixTotal).toBe(histories.length);
    expect(comparison.changed.total).toBeGreaterThan(0);
    expect(comparison.versions).toEqual({ before: 'default.v1', after: 'stricter.v2' });
    expect(comparison.skipped).toEqual({ before: 1, after: 1 });
    expect(comparison.events).toBe(eventCount);
    expect(out.join('\n')).toContain(`${eventCount + 5} read: ${eventCount} replayed, 5 duplicates and 0 undecodable left out`);
    expect(out.join('\n')).toMatch(/nothing published, nothing stored/);
    expect(err.at(-1)).toBe(`${eventCount + 5} of ${eventCount + 5} events (100%), ${err.at(-1)?.match(/(\d+) events\/s/)?.[1]} events/s\n`);
    expect(await publishedCount(pipeline.kafka, pipeline.codecs.scores.topicName)).toBe(0);
    expect((await pool.query('select count(*)::int as n from lead_score_state')).rows[0].n).toBe(0);
  });

  it('refuses to apply, with exit code 2, while the scoring service’s consumer group has members', async () => {
    const { io, err } = capturedIo(now);
    const member = await joinGroup(pipeline.kafka, `${run.namespace}leadflow-scoring`, pipeline.codecs.activityByLead.topicName);

    const outcome = await rescore({ model: modelFile, at, apply: true }, run.env, io).finally(() => member.disconnect());

    expect(outcome.exitCode).toBe(2);
    expect(err.join('')).toMatch(/^refused: the scoring service is running \(consumer group .*leadflow-scoring has 1 active member\): stop it before applying, or pass --force/);
    expect(await publishedCount(pipeline.kafka, pipeline.codecs.scores.topicName)).toBe(0);
  });

  it('applies: one rescore record per lead under the new model, and the new-model state in lead_score_state', async () => {
    const { io, out } = capturedIo(now);

    const outcome = await rescore({ model: modelFile, at, apply: true }, run.env, io);

    const comparison = outcome.comparison;
    if (!comparison) throw new Error('no comparison');
    const records = await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.length >= histories.length);
    const { rows } = await pool.query<{ lead_id: string; stream_time: string; grade: string; events_applied: number; next_crossing_at: string | null }>(
      `select lead_id, stream_time, last_emitted->>'grade' as grade, (state->>'eventsApplied')::int as events_applied, next_crossing_at
       from lead_score_state order by lead_id`,
    );
    const expected = [...comparison.leads].sort((a, b) => (a.leadId < b.leadId ? -1 : 1));
    expect(outcome.exitCode).toBe(0);
    expect(outcome.applied).toEqual({ ok: true, published: histories.length, rows: histories.length });
    expect(new Set(records.map((r) => r.eventId)).size).toBe(histories.length);
    for (const lead of comparison.leads) {
      expect(records.filter((r) => r.leadId === lead.leadId).map((r) => [r.cause, r.modelVersion, r.evaluatedAt, r.previousGrade, r.grade])).toEqual([
        ['rescore', 'stricter.v2', now, lead.before.evaluation.grade, lead.after.evaluation.grade],
      ]);
    }
    expect(rows.map((r) => [r.lead_id, Number(r.stream_time), r.grade, r.events_applied])).toEqual(
      expected.map((l) => [l.leadId, l.after.streamTime, l.after.evaluation.grade, l.after.state.eventsApplied]),
    );
    expect(rows.some((r) => r.next_crossing_at !== null && Number(r.next_crossing_at) > now)).toBe(true);
    expect(out.join('\n')).toContain(`Restart the scoring service with SCORING_MODEL_FILE=${modelFile}`);
  });

  it('the scoring service, restarted with the new model, continues from the re-scored state and folds no event twice', async () => {
    const vera = histories.find((h) => h.leadId.startsWith('vera-'));
    if (!vera) throw new Error('no Vera');
    scoring = await startScoring(loadConfig(scoringConfigSchema, { ...run.env, SCORING_MODEL_FILE: modelFile }));
    const [next] = activityOf(vera.leadId, [{ eventId: randomUUID(), type: 'page_viewed', occurredAt: new Date().toISOString(), leadId: vera.leadId, payload: { url: '/docs' } }], Date.now());
    if (!next) throw new Error('no event');

    await publishRecords(producer, pipeline.codecs.activityByLead, [next]);
    await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.some((s) => s.causeEventIds.includes(next.eventId)));
    const admin = pipeline.kafka.admin();
    await admin.connect();
    await waitUntilCaughtUp(admin, pool, [{ groupId: `${run.namespace}leadflow-scoring`, topics: [pipeline.codecs.activityByLead.topicName] }], { timeoutMs: 30_000 });
    await admin.disconnect();
    const published = await publishedCount(pipeline.kafka, pipeline.codecs.scores.topicName);
    const records = await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.length >= published);

    const byEvent = records.filter((r) => r.cause === 'event');
    expect(byEvent.map((r) => [r.leadId, r.modelVersion, r.eventsApplied])).toEqual([[vera.leadId, 'stricter.v2', vera.events.length + 1]]);
  });
});
