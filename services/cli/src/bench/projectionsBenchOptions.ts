import { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '@leadflow/kit';

const count = (max: number) => z.coerce.number().int().min(1).max(max);

const projectionsBenchOptionsSchema = z.object({
  BENCH_EVENTS: count(5_000_000).default(200_000),
  BENCH_PRODUCE_BATCH: count(10_000).default(500),
  BENCH_TIMEOUT_SEC: count(86_400).default(600),
});

export interface ProjectionsBenchOptions {
  /** How many records to produce across the projections' input topics (N). */
  events: number;
  /** Messages per `sendBatch` call. */
  produceBatch: number;
  /** How long each measured phase may take before the run fails. */
  timeoutMs: number;
}

/**
 * Reads the options from the environment (`BENCH_EVENTS`, `BENCH_PRODUCE_BATCH`, `BENCH_TIMEOUT_SEC`),
 * the command line overriding them (`--events 200000`).
 */
export function readProjectionsBenchOptions(argv: string[], env: NodeJS.ProcessEnv): ProjectionsBenchOptions {
  const flags = new Command('bench:projections')
    .description('measure a projections rebuild against a raw kafkajs consumer on the local stack')
    .option('--events <n>', 'records to produce across the input topics (BENCH_EVENTS, default 200000)')
    .option('--produce-batch <n>', 'messages per sendBatch call (BENCH_PRODUCE_BATCH, default 500)')
    .option('--timeout-sec <n>', 'time allowed per measured phase (BENCH_TIMEOUT_SEC, default 600)')
    .parse(argv, { from: 'user' })
    .opts<{ events?: string; produceBatch?: string; timeoutSec?: string }>();
  const parsed = loadConfig(projectionsBenchOptionsSchema, {
    BENCH_EVENTS: flags.events ?? env.BENCH_EVENTS,
    BENCH_PRODUCE_BATCH: flags.produceBatch ?? env.BENCH_PRODUCE_BATCH,
    BENCH_TIMEOUT_SEC: flags.timeoutSec ?? env.BENCH_TIMEOUT_SEC,
  });
  return { events: parsed.BENCH_EVENTS, produceBatch: parsed.BENCH_PRODUCE_BATCH, timeoutMs: parsed.BENCH_TIMEOUT_SEC * 1000 };
}
