import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@leadflow/kit';
import { repoRoot, stackUp } from '../commands/stack';
import { formatListening, type StackAddresses } from './formatListening';
import { ensureIngestKeys } from './ensureIngestKeys';
import { ensureMasterKey } from './ensureMasterKey';
import { clashingPorts, planInstances } from './planInstances';
import { startConfigSchema } from './startConfig';
import type { StartOptions } from './startOptions';
import { superviseInstance, type SupervisedInstance } from './superviseInstance';

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 30_000;

/** The stack's addresses from the environment, with the services' own defaults, for `--no-stack`. */
function configuredStack(env: NodeJS.ProcessEnv): StackAddresses {
  return {
    KAFKA_BROKERS: env.KAFKA_BROKERS ?? '127.0.0.1:19092',
    SCHEMA_REGISTRY_URL: env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:18081/apis/ccompat/v7',
    DATABASE_URL: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadflow',
  };
}

/**
 * `leadflow start`: the local stack unless `--no-stack`, then every instance of the chosen
 * services as supervised processes — scoring's first, since it creates the tables hand-off
 * shares — and, on SIGTERM or SIGINT, one graceful stop of all of them. Resolves with the exit code.
 */
export async function startPipeline(options: StartOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const ports = loadConfig(startConfigSchema, env);
  const plans = planInstances(options.services, options.instances, ports);
  const clashes = clashingPorts(plans);
  if (clashes.length > 0) throw new Error(`ports clash:\n  ${clashes.join('\n  ')}`);
  const stack = options.stack ? stackUp(env) : configuredStack(env);
  if (!stack) return 1;
  const keyed = ensureMasterKey(options.services.includes('ingest') ? ensureIngestKeys(env) : env);
  const serviceEnv = { ...keyed, ...stack, BIND_ADDRESS: ports.bindAddress };
  const probeHost = ['0.0.0.0', '::', ''].includes(ports.bindAddress) ? '127.0.0.1' : ports.bindAddress;
  const logDir = join(repoRoot, '.logs', 'start');
  mkdirSync(logDir, { recursive: true });

  const running: SupervisedInstance[] = [];
  let stopping = false;
  let resolveStop: (signal: string) => void = () => undefined;
  const stopSignal = new Promise<string>((resolve) => (resolveStop = resolve));
  const stopRequested = (signal: string) => {
    stopping = true;
    resolveStop(signal);
  };
  process.once('SIGTERM', () => stopRequested('SIGTERM'));
  process.once('SIGINT', () => stopRequested('SIGINT'));
  const launch = async (batch: typeof plans) => {
    if (stopping) return;
    const started = batch.map((plan) =>
      superviseInstance(plan, serviceEnv, logDir, probeHost, (exit) =>
        console.error(`${exit.label} exited (code ${exit.code ?? '-'}, signal ${exit.signal ?? '-'}); restarting in ${exit.restartInMs / 1000}s; log: ${exit.logFile}`),
      ),
    );
    running.push(...started);
    await Promise.race([Promise.all(started.map((instance) => instance.ready(READY_TIMEOUT_MS))), stopSignal]);
  };

  let exitCode = 0;
  try {
    await launch(plans.filter((plan) => plan.service === 'scoring'));
    await launch(plans.filter((plan) => plan.service !== 'scoring'));
    const byLabel = new Map(running.map((instance) => [instance.plan.label, instance]));
    if (!stopping) console.log(formatListening(plans, ports.bindAddress, stack, (plan) => ({ logFile: join(logDir, `${plan.label}.log`), pid: byLabel.get(plan.label)?.pid() })));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode = 1;
    stopRequested('start-up failure');
  }
  const signal = await stopSignal;
  console.log(`${signal}: stopping ${running.map((instance) => instance.plan.label).join(', ')}`);
  await Promise.all(running.map((instance) => instance.stop(STOP_GRACE_MS)));
  console.log('all services stopped');
  return exitCode;
}
