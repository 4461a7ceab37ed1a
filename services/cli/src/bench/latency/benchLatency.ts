import { cpus } from 'node:os';
import { Agent, request } from 'node:http';
import type { Consumer } from 'kafkajs';
import { z } from 'zod';
import { commonConfig, connectPipeline, createLogger, loadConfig, type Pipeline } from '@leadflow/kit';
import { CHAOS_API_KEY, startChaosPipeline, type ChaosPipeline } from '../../chaos/chaosPipeline';
import { stackUp } from '../../commands/stack';
import { runBenchMain } from '../runBenchMain';
import { formatLatencyReport, type LatencyReport, type RateResult } from './formatLatencyReport';
import { highestRateUnder, latencyStats } from './latencyStats';
import { latencyTraffic, requestsOf, type LiveEvent } from './latencyTraffic';
import { readLatencyOptions, type LatencyOptions } from './latencyOptions';

/** Below the ephemeral range (32768 and up), whose ports outgoing connections take as theirs. */
const BASE_PORT = 28_080;
const TICK_MS = 10;
/** Requests in flight beyond which the generator skips a tick (and says it fell behind) rather than queue without bound. */
const MAX_IN_FLIGHT = 512;
/** A generous SLA, so no breach traffic mixes into the measurement. */
const SLA_SECONDS = 86_400;
/** How long scores are waited for after a rate's sending ended, and how long without a new one ends the wait. */
const DRAIN_MS = 300_000;
const DRAIN_QUIET_MS = 30_000;

/** When each lead event was acknowledged, and when its score and any transition at its time were first seen. */
interface Timings {
  acked: Map<string, number>;
  scored: Map<string, number>;
  transitioned: Map<string, number>;
}

const keyOf = (leadId: string, at: number) => `${leadId}|${at}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads scores and lifecycle events as they are published, noting when each (lead, event time) first shows. */
async function watchOutputs(pipe: Pipeline, groupId: string, timings: Timings): Promise<Consumer> {
  const consumer = pipe.kafka.consumer({ groupId, maxWaitTimeInMs: 20 });
  await consumer.connect();
  await consumer.subscribe({ topics: [pipe.codecs.scores.topicName, pipe.codecs.lifecycle.topicName], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const seenAt = Date.now();
      const isScores = batch.topic === pipe.codecs.scores.topicName;
      for (const message of batch.messages) {
        if (isScores) {
          const decoded = await pipe.codecs.scores.decode(message.value);
          if (!decoded.ok) continue;
          const key = keyOf(decoded.value.leadId, decoded.value.evaluatedAt);
          if (!timings.scored.has(key)) timings.scored.set(key, seenAt);
        } else {
          const decoded = await pipe.codecs.lifecycle.decode(message.value);
          if (!decoded.ok) continue;
          const key = keyOf(decoded.value.leadId, decoded.value.occurredAt);
          if (!timings.transitioned.has(key)) timings.transitioned.set(key, seenAt);
        }
      }
    },
  });
  return consumer;
}

function post(agent: Agent, url: URL, json: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-api-key': CHAOS_API_KEY, 'content-length': Buffer.byteLength(json) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(json);
  });
}

/**
 * Sends `rate` events per second for `seconds`, open loop: every tick posts the events due by then
 * whatever is still unanswered, each stamped with the time it is sent. Returns how many were
 * accepted and how many ticks the generator had to skip.
 */
async function sendAtRate(url: URL, events: readonly LiveEvent[], rate: number, perRequest: number, timings: Timings): Promise<{ accepted: number; refused: number; skippedTicks: number; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const startedAt = Date.now();
  let next = 0;
  let inFlight = 0;
  let accepted = 0;
  let refused = 0;
  let skippedTicks = 0;
  const pending: Promise<void>[] = [];
  while (next < events.length) {
    const due = Math.min(events.length, Math.floor(((Date.now() - startedAt) * rate) / 1000));
    if (due > next && inFlight >= MAX_IN_FLIGHT) skippedTicks += 1;
    else if (due > next) {
      const now = Date.now();
      const batch = events.slice(next, due).map((e) => ({ ...e, body: { ...e.body, occurredAt: new Date(now).toISOString() } }));
      next = due;
      for (const chunk of requestsOf(batch, perRequest)) {
        inFlight += 1;
        pending.push(
          post(agent, url, JSON.stringify(chunk.map((e) => e.body))).then((status) => {
            inFlight -= 1;
            const ackedAt = Date.now();
            if (status !== 202) {
              refused += chunk.length;
              return;
            }
            accepted += chunk.length;
            for (const e of chunk) if (e.leadId) timings.acked.set(keyOf(e.leadId, now), ackedAt);
          }),
        );
      }
    }
    await sleep(TICK_MS);
  }
  await Promise.all(pending);
  agent.destroy();
  return { accepted, refused, skippedTicks, seconds: (Date.now() - startedAt) / 1000 };
}

/** Waits until every acknowledged lead event has its score, or nothing new was scored for `quietMs`. */
async function drain(timings: Timings, quietMs: number, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < until) {
    const scored = [...timings.acked.keys()].filter((k) => timings.scored.has(k)).length;
    if (scored === timings.acked.size) return;
    if (scored !== last) [last, since] = [scored, Date.now()];
    else if (Date.now() - since > quietMs) return;
    await sleep(200);
  }
}

function latencies(acked: Map<string, number>, seen: Map<string, number>): number[] {
  return [...acked].flatMap(([key, ackedAt]) => {
    const at = seen.get(key);
    return at === undefined ? [] : [Math.max(0, at - ackedAt)];
  });
}

async function measureRate(pipeline: ChaosPipeline, pipe: Pipeline, options: LatencyOptions, rate: number): Promise<RateResult> {
  const timings: Timings = { acked: new Map(), scored: new Map(), transitioned: new Map() };
  const events = rate * options.seconds;
  const traffic = latencyTraffic({ events, leads: Math.max(50, Math.round(events / options.eventsPerLead)), runId: `${pipeline.run.id}-r${rate}` });
  const consumer = await watchOutputs(pipe, `${pipeline.run.namespace}bench-latency-${rate}`, timings);
  try {
    console.log(`rate ${rate}/s: ${traffic.length} events of ${Math.round(events / options.eventsPerLead)} leads for ${options.seconds} s`);
    const sent = await sendAtRate(new URL('/v1/events', pipeline.ingestUrls[0]), traffic, rate, options.perRequest, timings);
    await drain(timings, DRAIN_QUIET_MS, DRAIN_MS);
    const scoreLatencies = latencies(timings.acked, timings.scored);
    const unscored = timings.acked.size - scoreLatencies.length;
    const score = latencyStats(scoreLatencies, unscored);
    const transition = latencyStats(latencies(timings.acked, timings.transitioned));
    return { rate, achieved: sent.accepted / sent.seconds, accepted: sent.accepted, refused: sent.refused, skippedTicks: sent.skippedTicks, leadEvents: timings.acked.size, unscored, score, transition };
  } finally {
    await consumer.disconnect();
  }
}

/**
 * `npm run bench:latency`: the pipeline started as processes (one per service) on an isolated
 * run; for each rate, open-loop traffic through HTTP ingest for `seconds`; per rate the time from
 * ingest's acknowledgement to the lead's score at that event's time on `leads.scores.v1`, and to a
 * lifecycle transition decided at that time, with the highest rate whose p99 stays under 1 s.
 */
async function benchLatency(options: LatencyOptions): Promise<LatencyReport> {
  const stack = stackUp(process.env);
  if (!stack) throw new Error('the local stack did not start: see infra/stack.sh up');
  Object.assign(process.env, stack);
  const pipeline = await startChaosPipeline('bench-latency', 1, BASE_PORT, SLA_SECONDS);
  try {
    const pipe = await connectPipeline('bench-latency', loadConfig(z.object(commonConfig), pipeline.run.env), createLogger('bench', 'error'));
    const results: RateResult[] = [];
    const rates = [...options.rates].sort((a, b) => a - b);
    for (const rate of rates) {
      const result = await measureRate(pipeline, pipe, options, rate);
      results.push(result);
      // a pipeline still behind would add this rate's backlog to the next one's latencies
      if (result.unscored > 0) break;
    }
    return {
      machine: { cores: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown', node: process.versions.node },
      seconds: options.seconds,
      perRequest: options.perRequest,
      results,
      highestRateUnder1s: highestRateUnder(results.map((r) => ({ rate: r.rate, ...r.score })), 1000),
      notRun: rates.slice(results.length),
      drainMs: DRAIN_MS,
      drainQuietMs: DRAIN_QUIET_MS,
    };
  } finally {
    await pipeline.stop();
    await pipeline.run.cleanUp();
  }
}

runBenchMain('latency', async () => {
  const report = await benchLatency(readLatencyOptions(process.argv.slice(2)));
  // a rate the pipeline cannot keep up with is a finding; no score at all is a broken pipeline
  const problems = report.results.flatMap((r) => (r.score.count === 0 ? [`no score was matched at ${r.rate} events/s`] : []));
  return { table: formatLatencyReport(report), figures: { ...report }, problems };
});
