import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Message } from 'kafkajs';
import { createPool, createProducer, MasterKeys, migrate, SubjectKeyring, subjectKeysMigrations, type Codecs } from '@leadflow/kit';
import { encodeRouted, ingestConfigSchema, validateBatch } from '@leadflow/ingest';
import { startServiceProcesses, stopServiceProcesses, waitUntilReady } from '../demo/startServiceProcesses';
import { driveHttpLoad, percentile } from './driveHttpLoad';
import { formatIngestBenchReport, type IngestBenchReport, type IngestPhase } from './formatIngestBenchReport';
import { measureSealingCpu } from './measureSealingCpu';
import { readIngestBenchOptions, type IngestBenchOptions } from './ingestBenchOptions';
import { readEndOffsets, totalOf } from './readEndOffsets';
import { runBenchMain } from './runBenchMain';
import { perSec, withBenchRun } from './withBenchRun';

const API_KEY = 'bench-key-0123456789';
const RAW_CONCURRENCY = 8;
const RAW_BATCH = 100;

/** Posted events of 1,000 visitors, spread over the last hour; `shape` gives the i-th one's type and payload. */
function postedVisits(count: number, runId: string, now: number, shape: (i: number) => Record<string, unknown>): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: crypto.randomUUID(),
    occurredAt: new Date(now - 3_600_000 + (i % 3_600_000)).toISOString(),
    anonymousId: `bench-${runId}-v${i % 1000}`,
    ...shape(i),
  }));
}

/** Page views: what the bench posts (no personal field). */
const postedEvents = (count: number, runId: string, now: number) =>
  postedVisits(count, runId, now, (i) => ({ type: 'page_viewed', context: { utmSource: 'bench', utmCampaign: 'throughput' }, payload: { url: `/docs/page-${i % 200}`, durationSec: 30 } }));

/** Questions of the same visitors, each with a personal field (the text) that ingest seals: timed, not posted. */
const postedQuestions = (count: number, runId: string, now: number) =>
  postedVisits(count, runId, now, (i) => ({
    type: 'question_asked',
    payload: { text: `Can the SSO integration map our ${i % 50} regional teams to separate workspaces?`, topic: 'security', specificity: 0.7 },
  }));

/** The baseline: the same records, encoded beforehand, produced by kafkajs alone — 8 concurrent sendBatch of 100. */
async function rawProduce(codecs: Codecs, kafka: Parameters<typeof createProducer>[0], events: Record<string, unknown>[], source: string): Promise<number> {
  const records = validateBatch(events, source, Date.now(), () => crypto.randomUUID()).accepted;
  const codec = codecs.engagement;
  const messages: Message[] = [];
  for (const routed of records) {
    const { key, value } = await encodeRouted(codecs, routed);
    messages.push({ key, value, headers: { 'leadflow-event-id': routed.record.eventId } });
  }
  const producer = await createProducer(kafka);
  try {
    let next = 0;
    const started = performance.now();
    const sender = async () => {
      while (next < messages.length) {
        const batch = messages.slice(next, (next += RAW_BATCH));
        await producer.sendBatch({ acks: -1, topicMessages: [{ topic: codec.topicName, messages: batch }] });
      }
    };
    await Promise.all(Array.from({ length: RAW_CONCURRENCY }, sender));
    return performance.now() - started;
  } finally {
    await producer.disconnect();
  }
}

/** CPU time a process and its living children have used, user and system, in ms (Linux). */
const cpuMsOf = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return own + children.reduce((sum, child) => sum + cpuMsOf(child), 0);
};

/** The broker of the local stack, whose CPU per request is reported too; undefined when it is not ours to read. */
function brokerPid(): number | undefined {
  const runDir = process.env.LEADFLOW_STACK_RUN_DIR ?? join(__dirname, '..', '..', '..', '..', 'infra', '.run');
  try {
    const pid = Number(readFileSync(join(runDir, 'kafka.pid'), 'utf8').trim());
    cpuMsOf(pid);
    return pid;
  } catch {
    return undefined;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });

async function benchIngest(options: IngestBenchOptions): Promise<IngestBenchReport> {
  return withBenchRun(ingestConfigSchema, async ({ run, kafka, codecs, admin, teardown }) => {
    const port = await freePort();
    const env = { ...process.env, ...run.env, INGEST_API_KEYS: `${API_KEY}:bench`, LOG_LEVEL: 'warn', INGEST_RATE_PER_KEY: '1000000', INGEST_BURST_PER_KEY: '1000000', INGEST_WORKERS: String(options.workers) };
    const services = startServiceProcesses(env, { ingest: port, scoring: 0, handoff: 0, projections: 0 }, join(process.cwd(), '.logs', `bench-ingest-${run.id}`), ['ingest']);
    teardown.add('stop ingest', () => stopServiceProcesses(services));
    await waitUntilReady(services);
    const url = new URL(`http://127.0.0.1:${port}/v1/events`);
    const headers = { 'content-type': 'application/json', 'x-api-key': API_KEY };

    console.log(`raw baseline: ${options.events} encoded page views, ${RAW_CONCURRENCY} concurrent sendBatch of ${RAW_BATCH}`);
    const rawMs = await rawProduce(codecs, kafka, postedEvents(options.events, run.id, Date.now()), 'bench');
    const rawPerSec = perSec(options.events, rawMs);

    // sealing measured in this process, with a keyring on the run's database as ingest has one
    const pool = await createPool(run.databaseUrl, { max: 2 });
    teardown.add('close the sealing pool', () => pool.end());
    await migrate(pool, 'subject-keys', subjectKeysMigrations);
    const keyring = new SubjectKeyring(pool, MasterKeys.fromEnvironment(run.env));

    const broker = brokerPid();
    const ingestPid = services[0]?.child.pid as number;
    const phases: IngestPhase[] = [];
    for (const size of options.sizes) {
      const events = postedEvents(options.events, run.id, Date.now());
      const bodies = [];
      for (let i = 0; i < events.length; i += size) bodies.push({ json: JSON.stringify(events.slice(i, i + size)), events: Math.min(size, events.length - i) });
      // A short warm-up, so connection set-up and JIT are not measured.
      await driveHttpLoad(url, headers, bodies.slice(0, Math.min(bodies.length, options.concurrency * 4)).map((b) => ({ ...b, json: b.json.replace(/"eventId":"[^"]+",/g, '') })), options.concurrency);
      console.log(`ingest: ${bodies.length} requests of ${size} event(s), ${options.concurrency} keep-alive clients`);
      const cpuBefore = cpuMsOf(ingestPid);
      const brokerBefore = broker === undefined ? 0 : cpuMsOf(broker);
      const load = await driveHttpLoad(url, headers, bodies, options.concurrency);
      const ingestCpuMs = cpuMsOf(ingestPid) - cpuBefore;
      const brokerCpuMs = broker === undefined ? undefined : cpuMsOf(broker) - brokerBefore;
      const eventsPerSec = perSec(load.acceptedEvents, load.elapsedMs);
      const ingestCpuUsPerEvent = (ingestCpuMs * 1000) / Math.max(1, load.acceptedEvents);
      const sealUsPerEvent = await measureSealingCpu(keyring, events, size);
      const sealUsPerQuestion = await measureSealingCpu(keyring, postedQuestions(options.events, run.id, Date.now()), size);
      phases.push({
        eventsPerRequest: size,
        requests: load.requests,
        acceptedEvents: load.acceptedEvents,
        eventsPerSec,
        requestsPerSec: perSec(load.requests, load.elapsedMs),
        p50Ms: percentile(load.latenciesMs, 0.5),
        p99Ms: percentile(load.latenciesMs, 0.99),
        ratio: rawPerSec > 0 ? eventsPerSec / rawPerSec : 0,
        ingestCpuMsPerRequest: ingestCpuMs / load.requests,
        loadCpuMsPerRequest: load.cpuMs / load.requests,
        ...(brokerCpuMs === undefined ? {} : { brokerCpuMsPerRequest: brokerCpuMs / load.requests }),
        sealing: {
          usPerEvent: sealUsPerEvent,
          shareOfIngestCpu: ingestCpuUsPerEvent > 0 ? sealUsPerEvent / ingestCpuUsPerEvent : 0,
          usPerPersonalEvent: sealUsPerQuestion,
          personalShareOfIngestCpu: ingestCpuUsPerEvent > 0 ? sealUsPerQuestion / ingestCpuUsPerEvent : 0,
        },
        statuses: load.statuses,
      });
    }
    const stored = totalOf(await readEndOffsets(admin, [codecs.engagement.topicName]));
    return {
      events: options.events,
      concurrency: options.concurrency,
      workers: options.workers,
      machine: { cores: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown', node: process.versions.node },
      raw: { ms: rawMs, eventsPerSec: rawPerSec },
      phases,
      stored,
    };
  });
}

/** What makes a finished run's figures untrustworthy. */
function problemsOf(report: IngestBenchReport): string[] {
  const problems: string[] = [];
  for (const phase of report.phases) {
    if (phase.acceptedEvents !== report.events) problems.push(`${phase.eventsPerRequest}/request: ${phase.acceptedEvents} of ${report.events} events accepted (${JSON.stringify(phase.statuses)})`);
  }
  const warmUps = report.phases.reduce((sum, p) => sum + Math.min(p.requests, report.concurrency * 4) * p.eventsPerRequest, 0);
  const expected = report.events * (1 + report.phases.length) + warmUps;
  if (report.stored !== expected) problems.push(`the topic holds ${report.stored} records, expected ${expected}`);
  return problems;
}

runBenchMain('ingest', async () => {
  const report = await benchIngest(readIngestBenchOptions(process.argv.slice(2), process.env));
  return { table: formatIngestBenchReport(report), figures: { ...report }, problems: problemsOf(report) };
});
