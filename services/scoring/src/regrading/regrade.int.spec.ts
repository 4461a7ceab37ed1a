import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import { connectPipeline, createLogger, createProducer, loadConfig, publishRecords, testing, type Pipeline, type RunningService } from '@leadflow/kit';
import { validateBatch } from '@leadflow/ingest';
import { sampleJourneys } from '@leadflow/cli';
import { scoringConfigSchema, type ScoringConfig } from '../config';
import { startScoring } from '../startScoring';

const HALF_LIFE_SECONDS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The default model with intent and readiness decaying in seconds instead of weeks. */
function fastDecayModel(dir: string): string {
  const model = JSON.parse(readFileSync(join(__dirname, '..', '..', 'models', 'default.v1.json'), 'utf8'));
  model.version = 'fast-decay.test';
  for (const kind of ['intent', 'readiness']) {
    for (const dimension of Object.values(model[kind].dimensions) as { halfLifeDays: number }[]) {
      dimension.halfLifeDays = HALF_LIFE_SECONDS / 86_400;
    }
  }
  const file = join(dir, 'fast-decay.json');
  writeFileSync(file, JSON.stringify(model));
  return file;
}

describe('time-driven re-grading', () => {
  let run: testing.IsolatedRun;
  let config: ScoringConfig;
  let pipeline: Pipeline;
  let producer: Producer;
  let scoring: RunningService | undefined;

  beforeAll(async () => {
    run = await testing.isolatedRun('regrade');
    const modelFile = fastDecayModel(mkdtempSync(join(tmpdir(), 'leadflow-')));
    config = loadConfig(scoringConfigSchema, { ...run.env, SCORING_MODEL_FILE: modelFile });
    pipeline = await connectPipeline('regrade-test', config, createLogger('regrade-test', 'warn'));
    producer = await createProducer(pipeline.kafka);
  });

  afterAll(async () => {
    await scoring?.stop();
    await producer?.disconnect();
    await run?.cleanUp();
  });

  it('re-grades a silent lead at each crossing once it is due, once each, across a restart', async () => {
    // started first: what is measured is re-grading by a running service, not its start-up
    scoring = await startScoring(config);
    const now = Date.now();
    const vera = sampleJourneys(now, run.id)[0];
    if (!vera) throw new Error('no journey');
    const batch = validateBatch(vera.events.map((e) => ({ ...e, occurredAt: new Date(now).toISOString() })), 'test', now, () => '');

    await publishRecords(producer, pipeline.codecs.engagement, batch.accepted.filter((a) => a.topicKey === 'engagement').map((a) => a.record as never));
    await publishRecords(producer, pipeline.codecs.conversation, batch.accepted.filter((a) => a.topicKey === 'conversation').map((a) => testing.withSealedLikeFields(a.topicKey, a.record) as never));
    const firstDecay = await testing.collectTimedRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.some((s) => s.value.cause === 'decay'));
    await scoring.stop();
    scoring = undefined;
    await sleep(3 * HALF_LIFE_SECONDS * 1000);
    const restartedAt = Date.now();
    scoring = await startScoring(config);
    const all = await testing.collectTimedRecords(pipeline.kafka, pipeline.codecs.scores, (r) => r.at(-1)?.value.grade === 'D', 60_000);

    const byEvent = all.filter((r) => r.value.cause === 'event');
    const decay = all.filter((r) => r.value.cause === 'decay');
    const grades = all.map((r) => r.value.grade);
    expect(byEvent.at(-1)?.value.grade).toBe('A');
    expect(grades.slice(byEvent.length)).toEqual(['B', 'C', 'D']);
    expect(new Set(decay.map((r) => r.value.eventId)).size).toBe(decay.length);
    // A crossing is due at its time, or when the lead was scored if that came later (a slow start).
    const scoredAt = byEvent.at(-1)?.timestamp ?? 0;
    for (const record of decay) {
      const dueWhileRunning = record.value.evaluatedAt < restartedAt && record.value.evaluatedAt > (firstDecay.at(-1)?.timestamp ?? 0);
      const latency = record.timestamp - (dueWhileRunning ? restartedAt : Math.max(record.value.evaluatedAt, scoredAt));
      // Published by the ticker once due, never before; how fast is bench:latency's business, not a test's.
      expect({ grade: record.value.grade, due: latency >= 0, byTheTicker: latency < 10_000 }).toEqual({ grade: record.value.grade, due: true, byTheTicker: true });
      expect(record.value.previousGrade).toBeDefined();
    }
  });
});
