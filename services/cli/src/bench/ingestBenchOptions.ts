import { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '@leadflow/kit';

const count = (max: number) => z.coerce.number().int().min(1).max(max);

const schema = z.object({
  BENCH_EVENTS: count(1_000_000).default(20_000),
  BENCH_CONCURRENCY: count(1024).default(32),
});

export interface IngestBenchOptions {
  /** Events posted per request size (1, 10 and 100 events per request). */
  events: number;
  /** Keep-alive HTTP clients sending at once. */
  concurrency: number;
}

/** `--events` and `--concurrency`, or BENCH_EVENTS and BENCH_CONCURRENCY. */
export function readIngestBenchOptions(argv: string[], env: NodeJS.ProcessEnv): IngestBenchOptions {
  const flags = new Command('bench:ingest')
    .description('measure ingest over HTTP against a raw kafkajs produce of the same records on the local stack')
    .option('--events <n>', 'events per request size (BENCH_EVENTS, default 20000)')
    .option('--concurrency <n>', 'keep-alive clients at once (BENCH_CONCURRENCY, default 32)')
    .parse(argv, { from: 'user' })
    .opts<{ events?: string; concurrency?: string }>();
  const parsed = loadConfig(schema, { BENCH_EVENTS: flags.events ?? env.BENCH_EVENTS, BENCH_CONCURRENCY: flags.concurrency ?? env.BENCH_CONCURRENCY });
  return { events: parsed.BENCH_EVENTS, concurrency: parsed.BENCH_CONCURRENCY };
}
