import type { ServiceName } from '../demo/startServiceProcesses';

/** Fixed ports of the first instance; instance n (from 0) listens on these plus 100·n. */
export interface BasePorts {
  ingest: number;
  scoring: number;
  handoff: number;
  projections: number;
  dashboard: number;
}

export const DEFAULT_PORTS: BasePorts = { ingest: 18080, scoring: 18091, handoff: 18092, projections: 18093, dashboard: 18090 };

export interface InstancePlan {
  service: ServiceName;
  /** `scoring-1`, `scoring-2`, ... */
  label: string;
  /** What this process gets on top of the shared environment. */
  env: Record<string, string>;
  /** Health, metrics and, for ingest and the dashboard, the API. */
  port: number;
  dashboardPort?: number;
}

const PORT_STEP = 100;

/** Every process to run: each service's instances, each on its own fixed ports. */
export function planInstances(services: readonly ServiceName[], instances: number, ports: BasePorts): InstancePlan[] {
  return services.flatMap((service) =>
    Array.from({ length: instances }, (_, n): InstancePlan => {
      const port = ports[service] + n * PORT_STEP;
      const label = `${service}-${n + 1}`;
      if (service === 'ingest') return { service, label, port, env: { INGEST_PORT: String(port) } };
      if (service !== 'projections') return { service, label, port, env: { HEALTH_PORT: String(port) } };
      const dashboardPort = ports.dashboard + n * PORT_STEP;
      return { service, label, port, dashboardPort, env: { HEALTH_PORT: String(port), DASHBOARD_PORT: String(dashboardPort) } };
    }),
  );
}

/** Two ports that meet (a base port of one service inside another's range) are refused at start. */
export function clashingPorts(plans: readonly InstancePlan[]): string[] {
  const owners = new Map<number, string>();
  const clashes: string[] = [];
  for (const plan of plans) {
    for (const port of [plan.port, plan.dashboardPort].filter((p): p is number => p !== undefined)) {
      const owner = owners.get(port);
      if (owner) clashes.push(`port ${port} is wanted by ${owner} and ${plan.label}`);
      owners.set(port, plan.label);
    }
  }
  return clashes;
}
