import { cpus } from 'node:os';
import type { Admin, Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { connectPipeline, createLogger, createProducer, createRegistry, loadConfig, MasterKeys, migrate, SubjectKeyring, subjectKeysMigrations, testing, type Codecs } from '@leadflow/kit';
import { sealPersonalFields, type RoutedRecord } from '@leadflow/ingest';
import { isSealedField, topics } from '@leadflow/schemas';
import { loadScoringModel, scoringConfigSchema, type ScoringConfig } from '@leadflow/scoring';
import { readBenchOptions, type BenchOptions } from './benchOptions';
import { countMessages } from './countMessages';
import { countScoresByCause } from './countScoresByCause';
import { startCpuMeter } from './cpuMeter';
import { formatBenchReport, type BenchReport } from './formatBenchReport';
import { generateBenchEvents } from './generateBenchEvents';
import { measureScoring, type ScoringRun } from './measureScoring';
import { produceTopicRecords } from './produceTopicRecords';
import { runBenchMain } from './runBenchMain';
import { readEndOffsets, totalOf } from './readEndOffsets';
import { readStateSizes } from './readStateSizes';
import { runStreamsPeer } from './runStreamsPeer';
import { splitLayout, startSplitScoring } from './startSplitScoring';
import type { Teardown } from './Teardown';
import { perSec, withBenchRun } from './withBenchRun';

interface BenchContext {
  options: BenchOptions;
  config: ScoringConfig;
  kafka: Kafka;
  codecs: Codecs;
  admin: Admin;
  pool: Pool;
  limits: { timeoutMs: number; signal: AbortSignal };
  teardown: Teardown;
  /** Consumer groups to delete at the end. */
  groups: string[];
}

/**
 * Measures, in one run on the local stack, how fast scoring folds events compared with a plain
 * kafkajs consumer reading the same topics: stack up (or reused), an isolated namespace and
 * database, N generated events produced, the raw baseline, then the scoring service in-process.
 * Everything it created is removed again, also when it fails.
 */
async function benchScoring(options: BenchOptions, signal: AbortSignal): Promise<BenchReport> {
  return withBenchRun(scoringConfigSchema, async ({ run, config, kafka, codecs, admin, teardown, groups }) => {
    const pool = new Pool({ connectionString: run.databaseUrl, max: 2 });
    teardown.add('close the Postgres pool', () => pool.end());
    const rawGroup = `${run.namespace}bench-raw`;
    groups.push(
      ...['', '-avro', '-codec'].map((suffix) => `${rawGroup}${suffix}`),
      `${run.namespace}bench-streams-peer`,
      `${config.TOPIC_NAMESPACE}${config.SCORING_GROUP_ID}-stitching`,
      `${config.TOPIC_NAMESPACE}${config.SCORING_GROUP_ID}`,
    );
    return measure({ options, config, kafka, codecs, admin, pool, limits: { timeoutMs: options.timeoutMs, signal }, teardown, groups }, run.id, rawGroup);
  });
}

async function measure(ctx: BenchContext, runId: string, rawGroup: string): Promise<BenchReport> {
  const { options, codecs, admin } = ctx;
  const inputTopics = [codecs.engagement.topicName, codecs.conversation.topicName, codecs.identity.topicName];
  const { produceMs, sealMs, open } = await produce(ctx, runId);
  const inputEnds = await readEndOffsets(admin, inputTopics);
  if (totalOf(inputEnds) !== options.events) throw new Error(`the input topics hold ${totalOf(inputEnds)} records, expected ${options.events}`);

  console.log('raw baselines: a plain kafkajs consumer counts the input; then counts it decoding each record');
  const raw = await countMessages(ctx.kafka, { groupId: rawGroup, topics: inputTopics, expected: options.events, ...ctx.limits });
  const registry = createRegistry(ctx.config.SCHEMA_REGISTRY_URL);
  const rawAvro = await countMessages(ctx.kafka, {
    groupId: `${rawGroup}-avro`,
    topics: inputTopics,
    expected: options.events,
    ...ctx.limits,
    decode: (value) => registry.decode(value as Buffer),
  });
  const rawCodec = await countMessages(ctx.kafka, {
    groupId: `${rawGroup}-codec`,
    topics: [codecs.engagement.topicName],
    expected: totalOf(inputEnds.filter((p) => p.topic === codecs.engagement.topicName)),
    ...ctx.limits,
    decode: (value) => codecs.engagement.decode(value),
  });

  console.log('scoring: starting the service in this process and waiting until every event is folded');
  const cpu = startCpuMeter();
  const scoring = await measureScoring(ctx.config, { admin, pool: ctx.pool, activityTopic: codecs.activityByLead.topicName, events: options.events }, ctx.limits);
  const spent = cpu();
  // read back to the end by offset: the topic's end offsets also count transaction markers
  const scores = await countScoresByCause(ctx.kafka, codecs, options.timeoutMs);
  const scoringPerSec = perSec(options.events, scoring.foldedMs);
  const rawPerSec = perSec(raw.count, raw.elapsedMs);
  const rawAvroPerSec = perSec(rawAvro.count, rawAvro.elapsedMs);

  const split = await measureSplitLayout(ctx);

  console.log('Kafka Streams peer: the same activity folded into a decayed intent sum per lead, exactly-once');
  const peerOutput = `${ctx.config.TOPIC_NAMESPACE}bench.streams-peer-intent`;
  await admin.createTopics({ topics: [{ topic: peerOutput, numPartitions: inputEnds.filter((p) => p.topic === codecs.engagement.topicName).length }] });
  const peer = await runStreamsPeer({
    brokers: ctx.config.KAFKA_BROKERS.join(','),
    registryUrl: ctx.config.SCHEMA_REGISTRY_URL,
    // the topics scoring's fold reads: those keyed by lead as they are, identity (keyed by visitor) re-keyed by lead
    leadKeyedTopics: [codecs.engagement.topicName, codecs.conversation.topicName, codecs.activityByLead.topicName],
    otherTopics: [codecs.identity.topicName],
    outputTopic: peerOutput,
    applicationId: `${ctx.config.TOPIC_NAMESPACE}bench-streams-peer`,
    // every input event names its lead or reaches activity-by-lead once stitched
    expected: options.events,
    model: loadScoringModel(ctx.config.SCORING_MODEL_FILE),
    timeoutMs: options.timeoutMs,
  });
  const peerPerSec = perSec(peer.records, peer.processAndCommitMs);
  return {
    events: options.events,
    leads: options.leads,
    partitions: inputEnds.filter((p) => p.topic === codecs.engagement.topicName).length,
    machine: { cores: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown', node: process.versions.node },
    produce: { ms: produceMs, eventsPerSec: perSec(options.events, produceMs) },
    seal: { ms: sealMs, usPerEvent: (sealMs * 1000) / options.events, open: { ...open, usPerField: open.fields > 0 ? (open.ms * 1000) / open.fields : 0 } },
    raw: { ms: raw.elapsedMs, eventsPerSec: rawPerSec },
    rawAvro: { ms: rawAvro.elapsedMs, eventsPerSec: rawAvroPerSec },
    rawCodec: { ms: rawCodec.elapsedMs, eventsPerSec: perSec(rawCodec.count, rawCodec.elapsedMs) },
    scoring: { ms: scoring.foldedMs, eventsPerSec: scoringPerSec, ...scoring },
    split: { ms: split.run.foldedMs, eventsPerSec: perSec(options.events, split.run.foldedMs), ...split.run, machineUsPerEvent: split.machineUs / options.events },
    cpu: { processUsPerEvent: spent.processUs / options.events, machineUsPerEvent: spent.machineUs / options.events },
    streamsPeer: { ...peer, eventsPerSec: peerPerSec },
    ratio: rawPerSec > 0 ? scoringPerSec / rawPerSec : 0,
    ratioToDecode: rawAvroPerSec > 0 ? scoringPerSec / rawAvroPerSec : 0,
    ratioToPeer: peerPerSec > 0 ? scoringPerSec / peerPerSec : 0,
    scoresPublished: scores.published,
    scoresByCause: scores.byCause,
    deadLettered: (await testing.readTopic(ctx.kafka, codecs.deadLetter, options.timeoutMs)).length,
    state: await readStateSizes(ctx.pool),
  };
}

interface OpenTiming {
  fields: number;
  ms: number;
}

/**
 * Opens the sealed company of every identification, one at a time with a keyring whose cache starts
 * empty, as scoring's competitor check does: the one personal field the fold opens.
 */
async function timeOpeningCompanies(keyring: SubjectKeyring, records: readonly { type: string; payload: unknown }[]): Promise<OpenTiming> {
  const companies = records.flatMap((r) => {
    const company = r.type === 'lead_identified' ? (r.payload as { company?: unknown }).company : undefined;
    return typeof company === 'string' && isSealedField(company) ? [company] : [];
  });
  const started = performance.now();
  for (const company of companies) {
    const opened = await keyring.open('lead_identified.company', company);
    if (opened.status !== 'open') throw new Error(`a sealed company did not open (${opened.status})`);
  }
  return { fields: companies.length, ms: performance.now() - started };
}

/** Seals the personal fields of generated events as ingest would, then produces them; times both. */
async function produce(ctx: BenchContext, runId: string): Promise<{ produceMs: number; sealMs: number; open: OpenTiming }> {
  const { options } = ctx;
  console.log(`producing ${options.events} events for ${options.leads} leads, ${options.produceBatch} per sendBatch call`);
  const events = generateBenchEvents({ events: options.events, leads: options.leads, runId }, Date.now());
  // as ingest would: personal fields sealed with each lead's (or visitor's) key before they reach a topic
  await migrate(ctx.pool, 'subject-keys', subjectKeysMigrations);
  const keyring = new SubjectKeyring(ctx.pool, MasterKeys.fromEnvironment(ctx.config));
  const sealStarted = performance.now();
  await sealPersonalFields(keyring, events as RoutedRecord[], 60_000);
  const sealMs = performance.now() - sealStarted;
  console.log(`sealed the personal fields of ${options.events} events in ${(sealMs / 1000).toFixed(2)} s`);
  const open = await timeOpeningCompanies(new SubjectKeyring(ctx.pool, MasterKeys.fromEnvironment(ctx.config)), events.map((e) => e.record));
  for (const { topicKey, record } of events) {
    const checked = topics[topicKey].schema.safeParse(record);
    if (!checked.success) throw new TypeError(`generated ${record.type} violates ${topics[topicKey].name}: ${checked.error.message}`);
  }
  const producer = await createProducer(ctx.kafka);
  try {
    return { produceMs: await produceTopicRecords(producer, ctx.codecs, events, options.produceBatch), sealMs, open };
  } finally {
    await producer.disconnect();
  }
}

/**
 * The same work with scoring split in two processes (`splitLayout`: stitching alone, the fold with
 * the tickers), in a second isolated run of its own (namespace and database), produced the same way.
 */
async function measureSplitLayout(ctx: BenchContext): Promise<{ run: ScoringRun; machineUs: number }> {
  const run = await testing.isolatedRun('bench-split');
  ctx.teardown.add('drop the split layout run database and topics', () => run.cleanUp());
  const config = loadConfig(scoringConfigSchema, run.env);
  const { kafka, codecs } = await connectPipeline('leadflow-bench', config, createLogger('bench', 'error'));
  const pool = new Pool({ connectionString: run.databaseUrl, max: 2 });
  ctx.teardown.add('close the split layout Postgres pool', () => pool.end());
  ctx.groups.push(`${config.TOPIC_NAMESPACE}${config.SCORING_GROUP_ID}-stitching`, `${config.TOPIC_NAMESPACE}${config.SCORING_GROUP_ID}`);
  const split: BenchContext = { ...ctx, config, kafka, codecs, pool };
  await produce(split, run.id);
  console.log(`scoring split in ${splitLayout.length} processes (${splitLayout.map((roles) => roles.join('+')).join(' | ')}): waiting until every event is folded`);
  const cpu = startCpuMeter();
  const measured = await measureScoring(config, { admin: ctx.admin, pool, activityTopic: codecs.activityByLead.topicName, events: ctx.options.events }, ctx.limits, () =>
    startSplitScoring(run.env, ctx.limits.timeoutMs),
  );
  return { run: measured, machineUs: cpu().machineUs };
}

/** What makes a finished run's figures untrustworthy. */
function problemsOf(report: BenchReport): string[] {
  const problems: string[] = [];
  if (report.deadLettered > 0) problems.push(`${report.deadLettered} records went to the dead-letter topic`);
  if (report.scoring.applied < report.events) problems.push(`the fold applied ${report.scoring.applied} of ${report.events} events`);
  if (report.split.applied < report.events) problems.push(`split in two processes, the fold applied ${report.split.applied} of ${report.events} events`);
  if (report.state.leads !== report.leads) problems.push(`lead_score_state holds ${report.state.leads} leads, expected ${report.leads}`);
  return problems;
}

runBenchMain('scoring', async (signal) => {
  const report = await benchScoring(readBenchOptions(process.argv.slice(2), process.env), signal);
  return { table: formatBenchReport(report), figures: { ...report }, problems: problemsOf(report) };
});
