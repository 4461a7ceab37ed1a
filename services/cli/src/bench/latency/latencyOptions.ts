import { Command } from 'commander';

export interface LatencyOptions {
  /** Events per second, one measurement each, in order. */
  rates: number[];
  /** How long each rate is held. */
  seconds: number;
  /** Events per HTTP request at most (a tick's due events are split into requests of this size). */
  perRequest: number;
  /** Events per lead on average, which sets how many leads each rate's traffic has. */
  eventsPerLead: number;
}

const positive = (name: string, value: string, max: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name}: ${value} is not a whole number from 1 to ${max}`);
  return n;
};

/** `--rates 500,1000,2000,4000 --seconds 60 --per-request 20 --events-per-lead 20`. */
export function readLatencyOptions(argv: string[]): LatencyOptions {
  const flags = new Command('bench:latency')
    .description('open-loop constant-rate load through HTTP ingest; latency to the score and to the transition')
    .option('--rates <list>', 'events per second, comma-separated', '500,1000,2000,4000')
    .option('--seconds <n>', 'seconds each rate is held', '60')
    .option('--per-request <n>', 'events per HTTP request at most', '20')
    .option('--events-per-lead <n>', 'events per lead on average', '20')
    .parse(argv, { from: 'user' })
    .opts<{ rates: string; seconds: string; perRequest: string; eventsPerLead: string }>();
  return {
    rates: flags.rates.split(',').map((r) => positive('--rates', r.trim(), 100_000)),
    seconds: positive('--seconds', flags.seconds, 3_600),
    perRequest: positive('--per-request', flags.perRequest, 1_000),
    eventsPerLead: positive('--events-per-lead', flags.eventsPerLead, 10_000),
  };
}
