import { z } from 'zod';
import { commonConfig, connectPipeline, createLogger, loadConfig } from '@leadflow/kit';
import { stackUp } from '../commands/stack';
import type { PostedEventBody } from '../simulate/sampleJourneys';
import type { ChaosOptions } from './chaosOptions';
import { CHAOS_API_KEY, startChaosPipeline, type ChaosPipeline } from './chaosPipeline';
import { chaosTraffic } from './chaosTraffic';
import { compareOutcomes } from './compareOutcomes';
import { countFaults, faultSchedule, type Fault } from './faultSchedule';
import type { ChaosReport } from './formatChaosReport';
import { injectFaults, type InjectedFault } from './injectFaults';
import { readRunOutcome, type RunOutcome } from './readRunOutcome';
import { sendTraffic } from './sendTraffic';
import { waitForQuiescence } from './waitForQuiescence';

/**
 * Ports of the runs' first instances, away from `leadflow start`'s and below Linux's ephemeral
 * range (32768 and up): an outgoing connection holding one of those as its local port would keep a
 * restarted instance from listening again.
 */
const CALM_BASE_PORT = 26_080;
const CHAOS_BASE_PORT = 27_080;

interface RunResult {
  outcome: RunOutcome;
  seconds: number;
  restarts: number;
  injected: InjectedFault[];
}

/** Sends the traffic (injecting the faults alongside), waits for quiet, reads what the run left. */
async function runOnce(pipeline: ChaosPipeline, events: readonly PostedEventBody[], faults: readonly Fault[], options: ChaosOptions, log: (line: string) => void): Promise<RunResult> {
  const pipe = await connectPipeline(`${pipeline.label}-reader`, loadConfig(z.object(commonConfig), pipeline.run.env), createLogger('chaos', 'error'));
  const admin = pipe.kafka.admin();
  await admin.connect();
  let over = false;
  try {
    const startedAt = Date.now();
    const [traffic, injected] = await Promise.all([
      sendTraffic(pipeline.ingestUrls, CHAOS_API_KEY, events, options.rate),
      injectFaults(pipeline, faults, startedAt, log, () => over),
    ]);
    log(`[chaos] ${pipeline.label}: ${traffic.accepted} accepted, ${traffic.refused} refused, ${traffic.retried} requests resent (${traffic.serverErrors} answered 500) in ${traffic.seconds.toFixed(0)}s; ${injected.filter((f) => f.injected).length} of ${injected.length} faults injected; waiting for quiet`);
    const quietMs = Math.max(15_000, options.slaSeconds * 1000 + 10_000);
    await waitForQuiescence(pipeline.run.databaseUrl, admin, pipeline.run.namespace, quietMs, options.settleTimeoutMs);
    const seconds = (Date.now() - startedAt - quietMs) / 1000;
    log(`[chaos] ${pipeline.label}: quiet; reading tables, the event store and the topics`);
    return { outcome: await readRunOutcome(pipeline.run.databaseUrl, pipe.kafka, pipe.codecs), seconds, restarts: pipeline.restarts(), injected };
  } finally {
    over = true;
    await admin.disconnect();
  }
}

/** Runs one pipeline from start to stop; its topics and database are dropped unless `keep`. */
async function withPipeline(
  label: string,
  instances: number,
  basePort: number,
  options: ChaosOptions,
  log: (line: string) => void,
  work: (p: ChaosPipeline) => Promise<RunResult>,
): Promise<RunResult> {
  const pipeline = await startChaosPipeline(label, instances, basePort, options.slaSeconds);
  try {
    return await work(pipeline);
  } finally {
    await pipeline.stop();
    if (options.keep) log(`[chaos] ${label}: kept database ${pipeline.run.databaseUrl} and topics prefixed ${pipeline.run.namespace}`);
    else await pipeline.run.cleanUp();
  }
}

/**
 * `leadflow chaos`: the same seeded traffic through a calm pipeline (one instance per service, no
 * faults) and through one with `instances` of every service while instances are SIGKILLed, the
 * broker killed and restarted, the registry stopped and Postgres connections terminated; then the
 * two outcomes compared. Each run has its own topics and database on the local stack.
 */
export async function runChaos(options: ChaosOptions, log: (line: string) => void): Promise<ChaosReport> {
  const startedAt = Date.now();
  const stack = stackUp(process.env);
  if (!stack) throw new Error('the local stack did not start: see infra/stack.sh up');
  Object.assign(process.env, stack);
  const trafficNow = Date.now();
  const events = chaosTraffic({ events: options.events, leads: options.leads, seed: options.seed, now: trafficNow });
  log(`[chaos] ${events.length} events of ${options.leads} leads and anonymous visitors, at ${options.rate}/s`);
  const calm = await withPipeline('chaos-calm', 1, CALM_BASE_PORT, options, log, (p) => runOnce(p, events, [], options, log));
  const labels = ['ingest', 'scoring', 'handoff', 'projections'].flatMap((s) => Array.from({ length: options.instances }, (_, n) => `${s}-${n + 1}`));
  const faults = faultSchedule({ ...options, durationMs: (events.length / options.rate) * 1000, instances: labels });
  const chaos = await withPipeline('chaos-run', options.instances, CHAOS_BASE_PORT, options, log, (p) => runOnce(p, events, faults, options, log));
  const missed = chaos.injected.filter((f) => !f.injected);
  const comparisons = [
    ...compareOutcomes(calm.outcome, chaos.outcome, trafficNow),
    // a fault not injected is a schedule not kept: the run proves less than it says
    { name: 'scheduled faults not injected', mismatches: missed.length, counts: true, examples: missed.slice(0, 3).map((f) => `${f.fault.kind} at +${(f.atMs / 1000).toFixed(1)}s: ${f.detail}`) },
  ];
  return {
    faults: countFaults(chaos.injected.filter((f) => f.injected).map((f) => f.fault)),
    restarts: chaos.restarts,
    events: events.length,
    leads: options.leads,
    seconds: { calm: calm.seconds, chaos: chaos.seconds, total: (Date.now() - startedAt) / 1000 },
    throughput: { calm: events.length / calm.seconds, chaos: events.length / chaos.seconds, instances: options.instances },
    comparisons,
    mismatches: comparisons.filter((c) => c.counts).reduce((sum, c) => sum + c.mismatches, 0),
  };
}
