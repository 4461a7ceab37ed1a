import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { dropDatabase, ensureDatabase } from '@leadflow/kit';
import { topics } from '@leadflow/schemas';
import { repoRoot, stack } from '../commands/stack';
import { postEvents } from '../simulate/postEvents';
import { sampleJourneys } from '../simulate/sampleJourneys';
import { formatLeadsTable } from './formatLeadsTable';
import { waitForLeads } from './readLeadCurrent';
import { startServiceProcesses, stopServiceProcesses, waitUntilReady, type ServiceProcess } from './startServiceProcesses';

export interface DemoOptions {
  databaseUrl: string;
  keepStack: boolean;
}

const API_KEY = 'demo-key-0001';
const PORTS = { ingest: 18180, scoring: 18191, handoff: 18192, projections: 18193 } as const;

/**
 * Runs the whole pipeline once: the stack, the four services as processes, a sample of lead
 * journeys through the HTTP API, then prints the leads as the analysts' table shows them and
 * stops everything it started.
 */
export async function runDemo(options: DemoOptions): Promise<number> {
  const stackWasUp = stack(['status'], { quiet: true }) === 0;
  if (stack(['up']) !== 0) return 1;
  const runId = Date.now().toString(36);
  const namespace = `demo-${runId}.`;
  const databaseUrl = options.databaseUrl;
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  const env = { ...process.env, TOPIC_NAMESPACE: namespace, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', INGEST_API_KEYS: `${API_KEY}:demo` };
  const logDir = join(repoRoot, '.logs', 'demo');
  console.log(`starting ingest, scoring, handoff and projections (logs in ${logDir})`);
  const services: ServiceProcess[] = startServiceProcesses(env, PORTS, logDir);
  const pool = new Pool({ connectionString: databaseUrl });
  try {
    await waitUntilReady(services);
    const journeys = sampleJourneys(Date.now(), runId);
    const ingestUrl = `http://127.0.0.1:${PORTS.ingest}`;
    for (const journey of journeys) {
      const result = await postEvents(ingestUrl, API_KEY, journey.events);
      console.log(`posted ${journey.events.length} events of ${journey.persona}: HTTP ${result.status}`);
    }
    const bad = await postEvents(ingestUrl, API_KEY, [{ type: 'page_viewed', occurredAt: 'yesterday', payload: { url: 7 } }]);
    console.log(`posted an invalid event: HTTP ${bad.status} ${JSON.stringify(bad.body.error?.details ?? bad.body)}`);
    const leadIds = journeys.map((j) => j.leadId);
    const expected = new Map(journeys.map((j) => [j.leadId, j.expected.stage]));
    const rows = await waitForLeads(pool, leadIds, (r) => r.every((row) => row.stage === expected.get(row.lead_id)));
    const persona = new Map(journeys.map((j) => [j.leadId, j.persona.split(',')[0] ?? j.persona]));
    console.log(`\nleads in lead_current (${rows.length} of ${leadIds.length}):\n`);
    console.log(formatLeadsTable(rows, (id) => persona.get(id) ?? ''));
    console.log('');
    return rows.length === leadIds.length ? 0 : 1;
  } finally {
    await pool.end();
    await stopServiceProcesses(services);
    console.log('services stopped');
    await deleteTopics(namespace);
    if (!stackWasUp && !options.keepStack) stack(['down']);
  }
}

async function deleteTopics(namespace: string): Promise<void> {
  const kafka = new Kafka({ brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:19092'], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(topics).map((t) => `${namespace}${t.name}`) }).catch(() => undefined);
  await admin.disconnect();
}
