import type { Parsed } from '../start/startOptions';

/** What `leadflow chaos` runs: the traffic, the fault schedule, and how long it may wait. */
export interface ChaosOptions {
  events: number;
  leads: number;
  /** SIGKILLs of service instances (each restarted by its supervisor). */
  kills: number;
  /** SIGKILL and restart of the Kafka broker (0 or 1). */
  brokerRestarts: number;
  /** How long the registry is stopped, once; 0 for never. */
  registryStopMs: number;
  /** `pg_terminate_backend` rounds on the chaos run's database. */
  pgTerminations: number;
  /** Events per second sent to ingest. */
  rate: number;
  /** SLA deadline of every grade, seconds. */
  slaSeconds: number;
  seed: number;
  /** Instances of each service in the chaos run. */
  instances: number;
  /** How long both runs may take to go quiet after the last event. */
  settleTimeoutMs: number;
  /** 1 keeps both runs' topics and databases for inspection; 0 drops them. */
  keep: number;
}

/** The requirement's schedule: ≥ 100,000 events, ≥ 3,000 leads, 15 kills, one broker restart, the registry stopped 30 s. */
export const DEFAULT_CHAOS: ChaosOptions = {
  events: 100_000,
  leads: 3_000,
  kills: 15,
  brokerRestarts: 1,
  registryStopMs: 30_000,
  pgTerminations: 3,
  rate: 400,
  slaSeconds: 20,
  seed: 20_261_202,
  instances: 2,
  settleTimeoutMs: 3_600_000,
  keep: 0,
};

type RawChaosOptions = Partial<Record<keyof ChaosOptions, string>>;

const LIMITS: Record<keyof ChaosOptions, [number, number]> = {
  events: [100, 10_000_000],
  leads: [1, 1_000_000],
  kills: [0, 1_000],
  brokerRestarts: [0, 1],
  registryStopMs: [0, 600_000],
  pgTerminations: [0, 100],
  rate: [1, 100_000],
  slaSeconds: [1, 86_400],
  seed: [0, 2 ** 31],
  instances: [1, 8],
  settleTimeoutMs: [10_000, 14_400_000],
  keep: [0, 1],
};

/** Checks `leadflow chaos`'s flags against their limits, naming every bad value. */
export function parseChaosOptions(raw: RawChaosOptions): Parsed<ChaosOptions> {
  const errors: string[] = [];
  const entries = (Object.keys(LIMITS) as (keyof ChaosOptions)[]).map((name) => {
    const [min, max] = LIMITS[name];
    const value = Number(raw[name] ?? DEFAULT_CHAOS[name]);
    if (!Number.isInteger(value) || value < min || value > max) errors.push(`--${flagOf(name)}: ${raw[name]} is not a whole number from ${min} to ${max}`);
    return [name, value] as const;
  });
  const options = Object.fromEntries(entries) as unknown as ChaosOptions;
  if (errors.length === 0 && options.leads * 5 > options.events) errors.push(`--leads ${options.leads} needs at least ${options.leads * 5} --events (5 per lead)`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: options };
}

/** `registryStopMs` → `registry-stop-ms`. */
export const flagOf = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
