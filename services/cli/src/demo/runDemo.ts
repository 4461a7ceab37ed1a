import { join } from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Pool } from 'pg';
import { dropDatabase, ensureDatabase, groupIdOf, loadConfig, topicNamesOf, waitUntilCaughtUp, type ConsumerGroupRef, type GroupOffsets } from '@leadflow/kit';
import { handoffConfigSchema, handoffGroups } from '@leadflow/handoff';
import { projectionsConfigSchema, projectionsGroups } from '@leadflow/projections';
import { scoringConfigSchema, scoringGroups } from '@leadflow/scoring';
import { topics } from '@leadflow/schemas';
import { repoRoot, stack, stackUp } from '../commands/stack';
import { demoPopulation, type DemoPopulation } from '../simulate/demoPopulation';
import { postEvents } from '../simulate/postEvents';
import { postOutcomes } from '../simulate/postOutcomes';
import { sampleJourneys, type Journey } from '../simulate/sampleJourneys';
import { formatLeadsTable } from './formatLeadsTable';
import { formatStageCounts, formatSuccessMetrics } from './formatDemoSummary';
import { bringBackRejectedLeads } from './bringBackRejectedLeads';
import { followUpHandedOffLeads } from './followUpHandedOffLeads';
import { postActivity } from './postActivity';
import { waitForLeads, type LeadCurrentRow } from './readLeadCurrent';
import { readSuccessMetrics } from './readSuccessMetrics';
import { startServiceProcesses, stopServiceProcesses, waitUntilReady, type ServiceProcess } from './startServiceProcesses';
import { ensureMasterKey } from '../start/ensureMasterKey';

export interface DemoOptions {
  /** Default: database leadflow_demo on the stack's Postgres. */
  databaseUrl?: string;
  keepStack: boolean;
}

const API_KEY = 'demo-key-0001';
const CRM = { source: 'crm', secret: 'demo-crm-secret-0001' };
const PORTS = { ingest: 18180, scoring: 18191, handoff: 18192, projections: 18193 } as const;
const DASHBOARD_PORT = 18194;

/** The demo's pipeline as a chain of consumer groups, to know when what was sent has gone all the way through. */
function pipelineStages(env: NodeJS.ProcessEnv): { scoring: GroupOffsets[]; handoffAndProjections: GroupOffsets[] } {
  const ns = env.TOPIC_NAMESPACE ?? '';
  const offsetsOf = (ref: ConsumerGroupRef): GroupOffsets => ({ groupId: groupIdOf(ref, ns), topics: topicNamesOf(ref, ns), schema: ref.schema });
  const scoring = scoringGroups(loadConfig(scoringConfigSchema, env));
  const handoff = handoffGroups(loadConfig(handoffConfigSchema, env));
  const projections = projectionsGroups(loadConfig(projectionsConfigSchema, env));
  return {
    // stitching re-keys activity by lead before it is scored
    scoring: [offsetsOf(scoring.stitching), offsetsOf(scoring.scoring)],
    handoffAndProjections: [offsetsOf(handoff.handoff), offsetsOf(projections.projections)],
  };
}

/**
 * Runs the whole pipeline once: the stack, the four services as processes, then traffic for the
 * analytics read models — anonymous visitors, generated leads across three campaigns, organic
 * search and direct visits, the four sample personas, and the CRM's outcomes and campaign spend
 * through the signed webhook. Prints the personas as the analysts' table shows them, a line on the
 * generated leads and the success metrics, and stops everything it started. The database stays
 * for queries until the next run recreates it.
 */
export async function runDemo(options: DemoOptions): Promise<number> {
  const stackWasUp = stack(['status'], { quiet: true }) === 0;
  const settings = stackUp();
  if (!settings) return 1;
  const runId = Date.now().toString(36);
  const namespace = `demo-${runId}.`;
  const databaseUrl = options.databaseUrl ?? databaseOn(settings.DATABASE_URL, 'leadflow_demo');
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  const env = {
    ...ensureMasterKey(process.env),
    ...settings,
    TOPIC_NAMESPACE: namespace,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    INGEST_API_KEYS: `${API_KEY}:demo`,
    INGEST_WEBHOOK_SECRETS: `${CRM.source}:${CRM.secret}`,
    DASHBOARD_PORT: String(DASHBOARD_PORT),
  };
  const logDir = join(repoRoot, '.logs', 'demo');
  console.log(`starting ingest, scoring, handoff and projections (logs in ${logDir})`);
  // Scoring starts alone: it and hand-off keep their tables in the same schema of the fresh
  // database, and two services creating the migrations table there at once can collide.
  const services: ServiceProcess[] = startServiceProcesses(env, PORTS, logDir, ['scoring']);
  const pool = new Pool({ connectionString: databaseUrl });
  const admin = new Kafka({ brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:19092'], logLevel: logLevel.NOTHING }).admin();
  try {
    await waitUntilReady(services);
    services.push(...startServiceProcesses(env, PORTS, logDir, ['ingest', 'handoff', 'projections']));
    await waitUntilReady(services);
    await admin.connect();
    return await sendAndReport({ pool, admin, stages: pipelineStages(env), runId, databaseUrl });
  } finally {
    await admin.disconnect().catch(() => undefined);
    await pool.end();
    await stopServiceProcesses(services);
    console.log('services stopped');
    await deleteTopics(namespace);
    if (!stackWasUp && !options.keepStack) stack(['down']);
  }
}

function databaseOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

interface DemoRun {
  pool: Pool;
  admin: Admin;
  stages: ReturnType<typeof pipelineStages>;
  runId: string;
  databaseUrl: string;
}

async function sendAndReport(run: DemoRun): Promise<number> {
  const now = Date.now();
  const population = demoPopulation(now, run.runId);
  const journeys = sampleJourneys(now, run.runId);
  const rows = await sendTraffic(run, population, journeys, now);
  const expected = new Map(journeys.map((j) => [j.leadId, j.expected.stage]));
  const personas = rows.filter((r) => expected.has(r.lead_id));
  const persona = new Map(journeys.map((j) => [j.leadId, j.persona.split(',')[0] ?? j.persona]));
  console.log(`\nleads in lead_current (${personas.length} of ${journeys.length}):\n`);
  console.log(formatLeadsTable(personas, (id) => persona.get(id) ?? ''));
  const visitors = population.visitors.filter((e) => e.type === 'session_started').length;
  console.log(`\n${formatStageCounts(rows.filter((r) => !expected.has(r.lead_id)), visitors)}`);
  const metrics = await readSuccessMetrics(run.pool);
  console.log('\nsuccess_metrics:\n');
  console.log(formatSuccessMetrics(metrics));
  console.log(`\nquery the read models: psql ${run.databaseUrl} -c 'set search_path = analytics' -c 'select * from funnel_daily'\n`);
  return personas.length === journeys.length && metrics.length === 5 ? 0 : 1;
}

/**
 * Sends the traffic in steps, each applied before the next: spend and first visits, return
 * visits, demo requests and the personas, then sales' follow-up of the leads handed off, then
 * the rejected leads that come back. Returns every lead's row once all of it went through.
 */
async function sendTraffic({ pool, admin, stages }: DemoRun, population: DemoPopulation, journeys: Journey[], now: number): Promise<LeadCurrentRow[]> {
  const ingestUrl = `http://127.0.0.1:${PORTS.ingest}`;
  const generatedIds = population.leads.map((l) => l.leadId);
  const expected = new Map(journeys.map((j) => [j.leadId, j.expected.stage]));
  const scored = () => waitUntilCaughtUp(admin, pool, stages.scoring);
  const settled = async (done: (rows: LeadCurrentRow[]) => boolean = () => true) => {
    await waitUntilCaughtUp(admin, pool, [...stages.scoring, ...stages.handoffAndProjections]);
    return waitForLeads(pool, [...expected.keys(), ...generatedIds], done, { quietMs: 1000 });
  };

  const spend = await postOutcomes(ingestUrl, CRM.source, CRM.secret, population.costs);
  console.log(`campaign spend through the CRM webhook: ${population.costs.length} cost records, HTTP ${spend.status}`);
  const firstVisits = [...population.visitors, ...population.leads.flatMap((l) => l.waves[0])];
  console.log(`posted ${await postActivity(ingestUrl, API_KEY, firstVisits)} events: ${population.visitors.length} of anonymous visitors, the rest first visits of ${population.leads.length} generated leads`);
  await scored();
  console.log(`posted ${await postActivity(ingestUrl, API_KEY, population.leads.flatMap((l) => l.waves[1]))} events of return visits`);
  await scored();
  console.log(`posted ${await postActivity(ingestUrl, API_KEY, population.leads.flatMap((l) => l.waves[2]))} events of leads asking for a demo`);
  for (const journey of journeys) {
    const result = await postEvents(ingestUrl, API_KEY, journey.events);
    console.log(`posted ${journey.events.length} events of ${journey.persona}: HTTP ${result.status}`);
  }
  const bad = await postEvents(ingestUrl, API_KEY, [{ type: 'page_viewed', occurredAt: 'yesterday', payload: { url: 7 } }]);
  console.log(`posted an invalid event: HTTP ${bad.status} ${JSON.stringify(bad.body.error?.details ?? bad.body)}`);
  const handedOff = await settled((rows) => rows.every((row) => !expected.has(row.lead_id) || row.stage === expected.get(row.lead_id)));

  const followUp = await followUpHandedOffLeads(ingestUrl, CRM, population.leads, handedOff, now);
  console.log(`sales follow-up through the CRM webhook: ${followUp.outcomes} outcomes for ${followUp.leads} leads, HTTP ${followUp.status}`);
  const worked = await settled();
  const comeback = await bringBackRejectedLeads(ingestUrl, API_KEY, population.leads, worked, Date.now());
  console.log(`${comeback} rejected leads came back and asked for a demo again`);
  return settled();
}

async function deleteTopics(namespace: string): Promise<void> {
  const kafka = new Kafka({ brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:19092'], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(topics).map((t) => `${namespace}${t.name}`) }).catch(() => undefined);
  await admin.disconnect();
}
