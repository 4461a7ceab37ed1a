import { SERVICES, type ServiceName } from '../demo/startServiceProcesses';

export interface StartOptions {
  /** The services to run, in start order (scoring first: it creates the shared tables). */
  services: ServiceName[];
  /** Processes per service. */
  instances: number;
  /** Start (or reuse) the local stack first. */
  stack: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Checks `--only`, `--instances` and `--no-stack`, naming every bad value. */
export function parseStartOptions(raw: { only?: string; instances?: string; stack?: boolean }): Parsed<StartOptions> {
  const errors: string[] = [];
  const requested = (raw.only ?? SERVICES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = requested.filter((name) => !(SERVICES as readonly string[]).includes(name));
  if (unknown.length > 0) errors.push(`--only: unknown service ${unknown.join(', ')} (expected some of ${SERVICES.join(', ')})`);
  if (requested.length === 0) errors.push('--only: name at least one service');
  const instances = Number(raw.instances ?? '1');
  if (!Number.isInteger(instances) || instances < 1 || instances > 9) {
    errors.push(`--instances: ${raw.instances} is not a whole number from 1 to 9`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { services: SERVICES.filter((name) => requested.includes(name)), instances, stack: raw.stack ?? true },
  };
}
