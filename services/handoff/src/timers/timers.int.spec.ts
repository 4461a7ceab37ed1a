import type { Producer } from 'kafkajs';
import { Pool } from 'pg';
import { v5 as uuidv5 } from 'uuid';
import { connectPipeline, createLogger, createProducer, loadConfig, publishRecords, testing, type Pipeline } from '@leadflow/kit';
import type { LeadScored } from '@leadflow/schemas';
import { handoffConfigSchema } from '../config';
import { spawnHandoff, type HandoffProcess } from '../kafka/spawnHandoff.spec';
import { writeRulesWithSla } from '../writeRulesWithSla';

const SLA_SECONDS = 2;
const LEADS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Scores that make a lead sales-qualified at once: an A with all of BANT. */
function hotLead(leadId: string, at: number): LeadScored {
  return {
    eventId: uuidv5(leadId, '8d3f4c2a-1b7e-4f0a-9c6d-2e5b7a9c1d3f'),
    leadId,
    modelVersion: 'test',
    evaluatedAt: at,
    cause: 'event',
    causeEventIds: [],
    fit: 60,
    intent: 60,
    readiness: 65,
    total: 86,
    grade: 'A',
    breakdown: [],
    signals: { contactConsent: 'granted', unsubscribed: false, demoRequested: true, contactRequested: false, bantEstablished: ['budget', 'authority', 'need', 'timeline'] },
    eventsApplied: 12,
    context: { profile: { country: 'US', companySize: 800 }, topFeatures: [], recentAssets: [], questions: [], bant: [] },
  };
}

describe('durable SLA timers', () => {
  let run: testing.IsolatedRun;
  let env: Record<string, string>;
  let pipeline: Pipeline;
  let producer: Producer;
  let pool: Pool;
  let child: HandoffProcess | undefined;

  const startHandoffProcess = async () => {
    child = await spawnHandoff(env);
  };
  const kill = async () => {
    await child?.kill();
    child = undefined;
  };
  const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]?.n);

  beforeAll(async () => {
    run = await testing.isolatedRun('timers');
    env = { ...run.env, HANDOFF_RULES_FILE: writeRulesWithSla(SLA_SECONDS), HANDOFF_TIMER_INTERVAL_MS: '100' };
    pipeline = await connectPipeline('timers-test', loadConfig(handoffConfigSchema, env), createLogger('timers-test', 'warn'));
    producer = await createProducer(pipeline.kafka);
    pool = new Pool({ connectionString: run.databaseUrl });
  });

  afterAll(async () => {
    if (child) await kill();
    await producer?.disconnect();
    await pool?.end();
    await run?.cleanUp();
  });

  it('fires each due timer exactly once across SIGKILLs while timers are pending', async () => {
    await startHandoffProcess();
    const leads = Array.from({ length: LEADS }, (_, i) => `hot-${i}-${run.id}`);
    await publishRecords(producer, pipeline.codecs.scores, leads.map((id) => hotLead(id, Date.now())));
    for (let i = 0; i < 100 && (await count("select count(*) as n from lead_timers where timer = 'sla'").catch(() => 0)) < LEADS; i++) await sleep(100);
    expect(await count("select count(*) as n from lead_timers where timer = 'sla'")).toBe(LEADS);

    await kill(); // every first deadline is pending
    await sleep(SLA_SECONDS * 1000 + 500);
    await startHandoffProcess(); // they are due now: each fires once, escalates, and starts a second SLA
    for (let i = 0; i < 100 && (await count("select count(*) as n from events where type = 'sla_breached'")) < LEADS; i++) await sleep(100);
    await kill(); // the second deadlines are pending, or some are firing
    await sleep(SLA_SECONDS * 1000 + 500);
    await startHandoffProcess();
    for (let i = 0; i < 150 && (await count("select count(*) as n from events where type = 'lead_recycled'")) < LEADS; i++) await sleep(100);

    const breaches = await testing.collectRecords(pipeline.kafka, pipeline.codecs.sla, (r) => r.filter((e) => e.type === 'sla_breached').length >= 2 * LEADS);
    const recycled = await testing.collectRecords(pipeline.kafka, pipeline.codecs.recycled, (r) => r.length >= LEADS);
    const stored = await pool.query<{ stream_id: string; attempts: number[] }>(
      `select stream_id, array_agg((data->'payload'->>'attempt')::int order by stream_version) as attempts
       from events where type = 'sla_breached' group by stream_id`,
    );
    expect(stored.rows.map((r) => r.attempts)).toEqual(leads.map(() => [1, 2]));
    expect(await count("select count(*) as n from events where type = 'lead_recycled'")).toBe(LEADS);
    const breachIds = breaches.filter((e) => e.type === 'sla_breached').map((e) => e.eventId);
    expect(new Set(breachIds).size).toBe(2 * LEADS);
    expect(new Set(recycled.map((e) => e.eventId)).size).toBe(LEADS);
    expect(await count('select count(*) as n from lead_timers')).toBe(0);
  });
});
