import { cpus } from 'node:os';
import type { Admin, Kafka } from 'kafkajs';
import { createProducer, createRegistry, type Codecs } from '@leadflow/kit';
import {
  projectedCodecs,
  projectionHistory,
  projectionsConfigSchema,
  rebuildProjections,
  type ProjectionRecord,
  type ProjectionsConfig,
} from '@leadflow/projections';
import { countMessages } from './countMessages';
import { formatProjectionsBenchReport, type ProjectionsBenchReport } from './formatProjectionsBenchReport';
import { produceTopicRecords } from './produceTopicRecords';
import { runBenchMain } from './runBenchMain';
import { readProjectionsBenchOptions, type ProjectionsBenchOptions } from './projectionsBenchOptions';
import { readEndOffsets, totalOf } from './readEndOffsets';
import { perSec, withBenchRun } from './withBenchRun';

interface BenchContext {
  options: ProjectionsBenchOptions;
  config: ProjectionsConfig;
  kafka: Kafka;
  codecs: Codecs;
  admin: Admin;
  limits: { timeoutMs: number; signal: AbortSignal };
}

/**
 * Measures, in one run on the local stack, how fast `leadflow projections rebuild` replays the
 * read models' input compared with a plain kafkajs consumer reading the same topics: stack up (or
 * reused), an isolated namespace and database, N realistic records produced, the raw baseline,
 * then the rebuild into a fresh schema (no projections service running). Everything it created is
 * removed again, also when it fails.
 */
async function benchProjections(options: ProjectionsBenchOptions, signal: AbortSignal): Promise<ProjectionsBenchReport> {
  return withBenchRun(projectionsConfigSchema, async ({ run, config, kafka, codecs, admin, groups }) => {
    const rawGroup = `${run.namespace}bench-raw`;
    groups.push(rawGroup, `${rawGroup}-avro`);
    return measure({ options, config, kafka, codecs, admin, limits: { timeoutMs: options.timeoutMs, signal } }, run.id, rawGroup);
  });
}

async function measure(ctx: BenchContext, runId: string, rawGroup: string): Promise<ProjectionsBenchReport> {
  const { options, admin } = ctx;
  const inputTopics = projectedCodecs(ctx.codecs).map((c) => c.topicName);
  const { records, leads } = historyOf(ctx, runId);
  const produceMs = await produce(ctx, records);
  const inputEnds = await readEndOffsets(admin, inputTopics);
  if (totalOf(inputEnds) !== options.events) throw new Error(`the input topics hold ${totalOf(inputEnds)} records, expected ${options.events}`);

  console.log('raw baselines: a plain kafkajs consumer counts the input; then counts it decoding each record');
  const raw = await countMessages(ctx.kafka, { groupId: rawGroup, topics: inputTopics, expected: options.events, ...ctx.limits });
  const registry = createRegistry(ctx.config.SCHEMA_REGISTRY_URL);
  const rawDecode = await countMessages(ctx.kafka, {
    groupId: `${rawGroup}-avro`,
    topics: inputTopics,
    expected: options.events,
    ...ctx.limits,
    decode: (value) => registry.decode(value as Buffer),
  });

  console.log('rebuild: replaying the input into a fresh schema and swapping it in');
  const rebuilt = await rebuildProjections(ctx.config, { signal: ctx.limits.signal, stallMs: ctx.limits.timeoutMs, onStep: (line) => console.log(`  ${line}`) });
  const rebuildPerSec = perSec(rebuilt.recordsAtStart, rebuilt.ms.replay);
  const rawPerSec = perSec(raw.count, raw.elapsedMs);
  const rawDecodePerSec = perSec(rawDecode.count, rawDecode.elapsedMs);
  return {
    events: options.events,
    leads,
    topics: inputTopics.length,
    partitions: inputEnds.length,
    machine: { cores: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown', node: process.versions.node },
    produce: { ms: produceMs, eventsPerSec: perSec(options.events, produceMs) },
    raw: { ms: raw.elapsedMs, eventsPerSec: rawPerSec },
    rawDecode: { ms: rawDecode.elapsedMs, eventsPerSec: rawDecodePerSec },
    rebuild: {
      ms: rebuilt.ms.replay,
      eventsPerSec: rebuildPerSec,
      setupMs: rebuilt.ms.setup,
      lockWaitMs: rebuilt.ms.lockWait,
      heldOffMs: rebuilt.ms.heldOff,
      totalMs: rebuilt.ms.total,
      records: rebuilt.records,
      refused: rebuilt.refused,
    },
    ratio: rawPerSec > 0 ? rebuildPerSec / rawPerSec : 0,
    ratioToDecode: rawDecodePerSec > 0 ? rebuildPerSec / rawDecodePerSec : 0,
    rows: rebuilt.rows,
  };
}

/**
 * The first N records, in event time, of enough realistic lead journeys (about 12 records a lead),
 * on the topics projections reads.
 */
function historyOf(ctx: BenchContext, runId: string): { records: ProjectionRecord[]; leads: number } {
  const read = new Set(projectedCodecs(ctx.codecs).map((c) => c.topicName));
  const onInput = (r: ProjectionRecord) => read.has(ctx.codecs[r.topicKey].topicName);
  for (let leads = Math.ceil(ctx.options.events / 10); ; leads = Math.ceil(leads * 1.5)) {
    const records = projectionHistory({ leads, runId, now: Date.now() }).filter(onInput);
    if (records.length < ctx.options.events) continue;
    const kept = records.slice(0, ctx.options.events);
    return { records: kept, leads: new Set(kept.flatMap((r) => ('leadId' in r.record && r.record.leadId ? [r.record.leadId] : []))).size };
  }
}

async function produce(ctx: BenchContext, records: ProjectionRecord[]): Promise<number> {
  console.log(`producing ${records.length} records across the projections' input topics, ${ctx.options.produceBatch} per sendBatch call`);
  const producer = await createProducer(ctx.kafka);
  try {
    return await produceTopicRecords(producer, ctx.codecs, records, ctx.options.produceBatch);
  } finally {
    await producer.disconnect();
  }
}

/** What makes a finished run's figures untrustworthy. */
function problemsOf(report: ProjectionsBenchReport): string[] {
  const problems: string[] = [];
  if (report.rebuild.refused > 0) problems.push(`the projection handler refused ${report.rebuild.refused} records`);
  if (report.rebuild.records !== report.events) problems.push(`the rebuild applied ${report.rebuild.records} records, expected ${report.events}`);
  if (!report.rows.some((t) => (t.after ?? 0) > 0)) problems.push('the rebuilt tables are empty');
  return problems;
}

runBenchMain('projections', async (signal) => {
  const report = await benchProjections(readProjectionsBenchOptions(process.argv.slice(2), process.env), signal);
  return { table: formatProjectionsBenchReport(report), figures: { ...report }, problems: problemsOf(report) };
});
