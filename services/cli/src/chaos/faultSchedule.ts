import { seededRandom } from '../simulate/seededRandom';

/** One fault the harness injects, `atMs` after the traffic starts. */
export type Fault =
  | { kind: 'kill'; atMs: number; instance: string }
  | { kind: 'broker-restart'; atMs: number }
  | { kind: 'registry-stop'; atMs: number; forMs: number }
  | { kind: 'pg-terminate'; atMs: number };

export interface FaultPlan {
  /** How long the traffic is expected to flow; faults fall in its middle 80 %. */
  durationMs: number;
  instances: readonly string[];
  kills: number;
  brokerRestarts: number;
  registryStopMs: number;
  pgTerminations: number;
  seed: number;
}

/**
 * The faults of a chaos run at seeded random moments while traffic flows, in time order. Kills
 * pick instances round-robin from a seeded shuffle, so every service loses an instance; the broker
 * restart and the registry outage are placed apart so each is seen on its own.
 */
export function faultSchedule(plan: FaultPlan): Fault[] {
  const random = seededRandom(plan.seed);
  const from = plan.durationMs * 0.1;
  const span = plan.durationMs * 0.8;
  const at = () => Math.round(from + random.next() * span);
  const order = random.shuffle(plan.instances);
  const kills = Array.from({ length: plan.kills }, (_, i): Fault => ({ kind: 'kill', atMs: at(), instance: order[i % order.length] as string }));
  const broker = Array.from({ length: plan.brokerRestarts }, (): Fault => ({ kind: 'broker-restart', atMs: Math.round(from + span * 0.3) }));
  const registry: Fault[] = plan.registryStopMs > 0 ? [{ kind: 'registry-stop', atMs: Math.round(from + span * 0.6), forMs: plan.registryStopMs }] : [];
  const pg = Array.from({ length: plan.pgTerminations }, (): Fault => ({ kind: 'pg-terminate', atMs: at() }));
  return [...kills, ...broker, ...registry, ...pg].sort((a, b) => a.atMs - b.atMs);
}

/** Faults injected, by kind, for the report. */
export function countFaults(faults: readonly Fault[]): Record<Fault['kind'], number> {
  const counts: Record<Fault['kind'], number> = { kill: 0, 'broker-restart': 0, 'registry-stop': 0, 'pg-terminate': 0 };
  for (const fault of faults) counts[fault.kind] += 1;
  return counts;
}
