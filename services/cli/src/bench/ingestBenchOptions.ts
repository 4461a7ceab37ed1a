import { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '@leadflow/kit';

const count = (max: number) => z.coerce.number().int().min(1).max(max);

const schema = z.object({
  BENCH_EVENTS: count(1_000_000).default(60_000),
  BENCH_CONCURRENCY: count(1024).default(32),
  BENCH_INGEST_WORKERS: count(64).default(1),
  BENCH_SIZES: z
    .string()
    .default('100,10,1')
    .transform((value, ctx) => {
      const sizes = value.split(',').map((s) => Number(s.trim()));
      if (sizes.length === 0 || sizes.some((s) => !Number.isInteger(s) || s < 1 || s > 500)) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not a comma-separated list of events per request between 1 and 500` });
        return z.NEVER;
      }
      return sizes;
    }),
});

export interface IngestBenchOptions {
  /** Events posted per request size (1, 10 and 100 events per request). */
  events: number;
  /** Keep-alive HTTP clients sending at once. */
  concurrency: number;
  /** Ingest processes sharing the listening socket (INGEST_WORKERS). */
  workers: number;
  /** Events per request of each row, in order. */
  sizes: number[];
}

/** `--events`, `--concurrency`, `--workers` and `--sizes`, or BENCH_EVENTS, BENCH_CONCURRENCY, BENCH_INGEST_WORKERS and BENCH_SIZES. */
export function readIngestBenchOptions(argv: string[], env: NodeJS.ProcessEnv): IngestBenchOptions {
  const flags = new Command('bench:ingest')
    .description('measure ingest over HTTP against a raw kafkajs produce of the same records on the local stack')
    .option('--events <n>', 'events per request size (BENCH_EVENTS, default 60000)')
    .option('--concurrency <n>', 'keep-alive clients at once (BENCH_CONCURRENCY, default 32)')
    .option('--workers <n>', 'ingest processes (BENCH_INGEST_WORKERS, default 1)')
    .option('--sizes <list>', 'events per request of each row (BENCH_SIZES, default 100,10,1)')
    .parse(argv, { from: 'user' })
    .opts<{ events?: string; concurrency?: string; workers?: string; sizes?: string }>();
  const parsed = loadConfig(schema, {
    BENCH_EVENTS: flags.events ?? env.BENCH_EVENTS,
    BENCH_CONCURRENCY: flags.concurrency ?? env.BENCH_CONCURRENCY,
    BENCH_INGEST_WORKERS: flags.workers ?? env.BENCH_INGEST_WORKERS,
    BENCH_SIZES: flags.sizes ?? env.BENCH_SIZES,
  });
  return { events: parsed.BENCH_EVENTS, concurrency: parsed.BENCH_CONCURRENCY, workers: parsed.BENCH_INGEST_WORKERS, sizes: parsed.BENCH_SIZES };
}
