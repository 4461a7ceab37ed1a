import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testing } from '@leadflow/kit';
import { writeRulesWithSla } from '@leadflow/handoff';
import { repoRoot } from '../commands/stack';
import { SERVICES } from '../demo/startServiceProcesses';
import { planInstances } from '../start/planInstances';
import { superviseInstance, type SupervisedInstance } from '../start/superviseInstance';

export const CHAOS_API_KEY = 'chaos-key-0010';
const READY_TIMEOUT_MS = 180_000;

/** One pipeline of a chaos comparison: its own topics and database, each service as supervised processes. */
export interface ChaosPipeline {
  label: string;
  run: testing.IsolatedRun;
  instances: SupervisedInstance[];
  ingestUrls: string[];
  /** Times an instance exited and was restarted. */
  restarts(): number;
  stop(): Promise<void>;
}

/**
 * Starts `instances` processes of every service (scoring's first: it creates the tables hand-off
 * shares) on ports from `basePort`, in a namespace and database of their own, and waits until all
 * answer ready. Supervisors restart an instance that dies, as `leadflow start` does.
 */
export async function startChaosPipeline(label: string, instances: number, basePort: number, slaSeconds: number): Promise<ChaosPipeline> {
  const run = await testing.isolatedRun(label);
  const ports = { ingest: basePort, scoring: basePort + 1, handoff: basePort + 2, projections: basePort + 3, dashboard: basePort + 4 };
  const plans = planInstances(SERVICES, instances, ports);
  const env = {
    ...process.env,
    ...run.env,
    INGEST_API_KEYS: `${CHAOS_API_KEY}:chaos`,
    HANDOFF_RULES_FILE: writeRulesWithSla(slaSeconds),
    BIND_ADDRESS: '127.0.0.1',
  };
  const logDir = join(repoRoot, '.logs', 'chaos', run.id);
  mkdirSync(logDir, { recursive: true });
  let restarts = 0;
  const started: SupervisedInstance[] = [];
  const launch = async (service: string) => {
    const batch = plans.filter((p) => p.service === service).map((plan) => superviseInstance(plan, env, logDir, '127.0.0.1', () => (restarts += 1)));
    started.push(...batch);
    await Promise.all(batch.map((instance) => instance.ready(READY_TIMEOUT_MS)));
  };
  const stop = async () => {
    await Promise.all(started.map((instance) => instance.stop(30_000)));
  };
  try {
    await launch('scoring');
    await Promise.all(['handoff', 'projections', 'ingest'].map(launch));
  } catch (error) {
    await stop();
    await run.cleanUp();
    throw error;
  }
  return {
    label,
    run,
    instances: started,
    ingestUrls: plans.filter((p) => p.service === 'ingest').map((p) => `http://127.0.0.1:${p.port}`),
    restarts: () => restarts,
    stop,
  };
}
