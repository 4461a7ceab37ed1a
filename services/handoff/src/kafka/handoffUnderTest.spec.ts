import type { Producer } from 'kafkajs';
import { Pool } from 'pg';
import { v5 as uuidv5 } from 'uuid';
import { connectPipeline, createLogger, createProducer, loadConfig, testing, type Pipeline, type RunningService } from '@leadflow/kit';
import type { LeadScored } from '@leadflow/schemas';
import { handoffConfigSchema } from '../config';
import { startHandoff } from '../startHandoff';
import { spawnHandoff, type HandoffProcess } from './spawnHandoff.spec';

const NAMESPACE = '3c1f6a8e-5b2d-4e7f-8a9c-0d1e2f3a4b5c';

/** A hand-off service of its own (topic namespace and database), and what a test needs to talk to it. */
export interface HandoffUnderTest {
  run: testing.IsolatedRun;
  pipeline: Pipeline;
  producer: Producer;
  pool: Pool;
  stop: () => Promise<void>;
}

export interface UnderTestOptions {
  /** Runs once the topics exist and before the service reads them (e.g. to put records on them first). */
  beforeStart?: (setup: Pick<HandoffUnderTest, 'run' | 'pipeline' | 'producer'>) => Promise<void>;
  /** Runs the service in a process of its own, so that it shares no event loop with the test. */
  ownProcess?: boolean;
}

/** Starts hand-off on topics and a database of its own. */
export async function startHandoffUnderTest(label: string, rulesFile: string, { beforeStart, ownProcess = false }: UnderTestOptions = {}): Promise<HandoffUnderTest> {
  const run = await testing.isolatedRun(label);
  const env = { ...run.env, HANDOFF_RULES_FILE: rulesFile, HANDOFF_TIMER_INTERVAL_MS: '100' };
  const pipeline = await connectPipeline(`${label}-test`, loadConfig(handoffConfigSchema, env), createLogger(`${label}-test`, 'warn'));
  const producer = await createProducer(pipeline.kafka);
  const pool = new Pool({ connectionString: run.databaseUrl });
  await beforeStart?.({ run, pipeline, producer });
  const handoff: RunningService | HandoffProcess = ownProcess ? await spawnHandoff(env) : await startHandoff(loadConfig(handoffConfigSchema, env));
  const stop = async () => {
    await ('kill' in handoff ? handoff.kill() : handoff.stop());
    await producer.disconnect();
    await pool.end();
    await run.cleanUp();
  };
  return { run, pipeline, producer, pool, stop };
}

type Qualifying = { consent?: 'granted' | 'withdrawn'; intent?: number; topFeatures?: string[] };

/** Scores that make a US lead sales-qualified (grade B, three of BANT), as scoring publishes them. */
export function qualifying(leadId: string, at: number, eventsApplied: number, { consent = 'granted', intent = 40, topFeatures = [] }: Qualifying = {}): LeadScored {
  return {
    eventId: uuidv5(`${leadId}/${eventsApplied}`, NAMESPACE),
    leadId,
    modelVersion: 'test',
    evaluatedAt: at,
    cause: 'event',
    causeEventIds: [],
    fit: 55,
    intent,
    readiness: 60,
    total: 72,
    grade: 'B',
    breakdown: [],
    signals: { contactConsent: consent, unsubscribed: false, demoRequested: false, contactRequested: false, bantEstablished: ['budget', 'authority', 'need'] },
    eventsApplied,
    context: { profile: { country: 'US', companySize: 800 }, topFeatures: topFeatures.map((feature) => ({ feature, explorations: 3 })), recentAssets: [], questions: [], bant: [] },
  };
}

export const outcomeId = (leadId: string, what: string): string => uuidv5(`${leadId}/${what}`, NAMESPACE);
