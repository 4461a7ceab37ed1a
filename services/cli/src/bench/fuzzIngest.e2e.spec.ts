import { Pool } from 'pg';
import { connectPipeline, createLogger, loadConfig, testing, type Pipeline, type Stoppable } from '@leadflow/kit';
import { ingestConfigSchema, startIngest } from '@leadflow/ingest';
import { scoringConfigSchema, startScoring } from '@leadflow/scoring';
import { fuzzIngestRequests, type FuzzOutcome } from './fuzzIngestRequests';

const API_KEY = 'e2e-key-fuzz-0001';
const REQUESTS = 2000;
/** One seed in CI; `npm run fuzz:ingest -- --seed <n> --requests 100000` explores further. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

describe(`ingest under ${REQUESTS} hostile requests (seed ${SEED})`, () => {
  let run: testing.IsolatedRun;
  let services: Stoppable[] = [];
  let ingestUrl: string;
  let pipeline: Pipeline;
  let pool: Pool;
  let outcome: FuzzOutcome;

  beforeAll(async () => {
    run = await testing.isolatedRun('fuzz');
    // A generous acknowledgement deadline: this test is about bad input, not a slow shared machine.
    const env = { ...run.env, INGEST_PORT: '0', INGEST_API_KEYS: `${API_KEY}:fuzz`, INGEST_ACK_TIMEOUT_MS: '20000' };
    const ingest = await startIngest(loadConfig(ingestConfigSchema, env));
    ingestUrl = ingest.url;
    services = [ingest, await startScoring(loadConfig(scoringConfigSchema, env))];
    pipeline = await connectPipeline('fuzz-e2e', loadConfig(ingestConfigSchema, env), createLogger('fuzz-e2e', 'warn'));
    pool = new Pool({ connectionString: run.databaseUrl });
    outcome = await fuzzIngestRequests(ingestUrl, API_KEY, REQUESTS, SEED);
  });

  afterAll(async () => {
    await pool?.end();
    for (const service of services.reverse()) await service.stop();
    await run?.cleanUp();
  });

  it('answers every request, never with a 5xx, and stays alive', async () => {
    console.log(`fuzz seed ${SEED}: ${outcome.requests} requests, statuses ${JSON.stringify(outcome.statuses)}, ${outcome.acceptedIds.length} events accepted`);

    expect(outcome.failures).toEqual([]);
    expect(outcome.requests).toBe(REQUESTS);
    expect((await fetch(`${ingestUrl}/health/ready`)).status).toBe(200);
    expect(outcome.acceptedIds.length).toBeGreaterThan(100);
  });

  it('stores every accepted event as a valid record, and scoring takes each one, dead-lettering none', async () => {
    const accepted = new Set(outcome.acceptedIds);
    const stored = [
      ...(await testing.readTopic(pipeline.kafka, pipeline.codecs.engagement)),
      ...(await testing.readTopic(pipeline.kafka, pipeline.codecs.conversation)),
      ...(await testing.readTopic(pipeline.kafka, pipeline.codecs.identity)),
    ];
    // Scored, or held for stitching until its visitor is identified: either way applied, not refused.
    const taken = async () => {
      const { rows } = await pool
        .query<{ event_id: string }>(
          `select event_id from scoring_applied_events where event_id = any($1::uuid[])
           union select event_id from visitor_activity where event_id = any($1::uuid[])`,
          [[...accepted]],
        )
        .catch(() => ({ rows: [] as { event_id: string }[] }));
      return new Set(rows.map((r) => r.event_id));
    };
    let seen = await taken();
    for (let i = 0; i < 120 && seen.size < accepted.size; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      seen = await taken();
    }
    const deadLetters = await testing.readTopic(pipeline.kafka, pipeline.codecs.deadLetter);

    expect([...accepted].filter((id) => !stored.some((r) => r.eventId === id))).toEqual([]);
    expect([...accepted].filter((id) => !seen.has(id))).toEqual([]);
    expect(deadLetters.map((d) => d.reason)).toEqual([]);
  });
});
