import { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '@leadflow/kit';

const count = (max: number) => z.coerce.number().int().min(1).max(max);

const benchOptionsSchema = z
  .object({
    BENCH_EVENTS: count(5_000_000).default(100_000),
    BENCH_LEADS: count(1_000_000).default(5_000),
    BENCH_PRODUCE_BATCH: count(10_000).default(500),
    BENCH_TIMEOUT_SEC: count(86_400).default(600),
  })
  .refine((o) => o.BENCH_LEADS <= o.BENCH_EVENTS, {
    path: ['BENCH_LEADS'],
    message: 'must not exceed BENCH_EVENTS (every lead needs at least one event)',
  });

export interface BenchOptions {
  /** How many input events to produce (N). */
  events: number;
  /** How many leads they belong to (L). */
  leads: number;
  /** Messages per `sendBatch` call. */
  produceBatch: number;
  /** How long each measured phase may take before the run fails. */
  timeoutMs: number;
}

/**
 * Reads the options from the environment (`BENCH_EVENTS`, `BENCH_LEADS`, `BENCH_PRODUCE_BATCH`,
 * `BENCH_TIMEOUT_SEC`), the command line overriding them (`--events 20000 --leads 1000`).
 */
export function readBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Command('bench:scoring')
    .description('measure the scoring service against a raw kafkajs consumer on the local stack')
    .option('--events <n>', 'input events to produce (BENCH_EVENTS, default 100000)')
    .option('--leads <n>', 'leads the events belong to (BENCH_LEADS, default 5000)')
    .option('--produce-batch <n>', 'messages per sendBatch call (BENCH_PRODUCE_BATCH, default 500)')
    .option('--timeout-sec <n>', 'time allowed per measured phase (BENCH_TIMEOUT_SEC, default 600)')
    .parse(argv, { from: 'user' })
    .opts<{ events?: string; leads?: string; produceBatch?: string; timeoutSec?: string }>();
  const given = (value: string | undefined, name: string) => value ?? env[name];
  const parsed = loadConfig(benchOptionsSchema, {
    BENCH_EVENTS: given(flags.events, 'BENCH_EVENTS'),
    BENCH_LEADS: given(flags.leads, 'BENCH_LEADS'),
    BENCH_PRODUCE_BATCH: given(flags.produceBatch, 'BENCH_PRODUCE_BATCH'),
    BENCH_TIMEOUT_SEC: given(flags.timeoutSec, 'BENCH_TIMEOUT_SEC'),
  });
  return {
    events: parsed.BENCH_EVENTS,
    leads: parsed.BENCH_LEADS,
    produceBatch: parsed.BENCH_PRODUCE_BATCH,
    timeoutMs: parsed.BENCH_TIMEOUT_SEC * 1000,
  };
}
