import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { repoRoot } from '../commands/stack';
import type { ChaosPipeline } from './chaosPipeline';
import type { Fault } from './faultSchedule';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stackScript = join(repoRoot, 'infra', 'stack.sh');
const runDir = () => process.env.LEADFLOW_STACK_RUN_DIR ?? join(repoRoot, 'infra', '.run');

/** What happened when a fault was injected, for the report. */
export interface InjectedFault {
  fault: Fault;
  atMs: number;
  detail: string;
  /** False when the fault could not be injected (or was skipped): the schedule was not kept. */
  injected: boolean;
}

/** `stack.sh` without blocking the event loop, so traffic keeps flowing while a part restarts. */
const stack = (...args: string[]) => run('bash', [stackScript, ...args], { env: process.env, maxBuffer: 1 << 22 });

const KILL_PATIENCE_MS = 30_000;

/**
 * SIGKILLs the instance's current process. One that just died (its supervisor is restarting it) is
 * waited for, and its successor killed, so every scheduled kill kills a process.
 */
async function killInstance(pipeline: ChaosPipeline, label: string): Promise<string> {
  const instance = pipeline.instances.find((i) => i.plan.label === label);
  if (!instance) return `${label}: no such instance`;
  const deadline = Date.now() + KILL_PATIENCE_MS;
  const gone = new Set<number>();
  for (;;) {
    const pid = instance.pid();
    if (pid !== undefined && !gone.has(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
        return `${label} (pid ${pid}) SIGKILLed${gone.size > 0 ? ` (pid ${[...gone].join(', ')} had just died)` : ''}`;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
        gone.add(pid);
      }
    }
    if (Date.now() > deadline) throw new Error(`${label}: no live process to kill within ${KILL_PATIENCE_MS / 1000} s`);
    await sleep(100);
  }
}

async function restartBroker(): Promise<string> {
  const pid = Number(readFileSync(join(runDir(), 'kafka.pid'), 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  await sleep(2_000);
  await stack('up');
  return `broker (pid ${pid}) SIGKILLed and started again`;
}

async function stopRegistry(forMs: number): Promise<string> {
  await stack('stop', 'registry');
  await sleep(forMs);
  await stack('up');
  return `registry stopped for ${forMs / 1000}s and started again`;
}

/** Ends every connection to the pipeline's own database but this one; never another database's. */
async function terminateBackends(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    return `${rows[0]?.n ?? 0} connections to ${client.database} terminated`;
  } finally {
    await client.end();
  }
}

async function inject(pipeline: ChaosPipeline, fault: Fault): Promise<string> {
  switch (fault.kind) {
    case 'kill':
      return killInstance(pipeline, fault.instance);
    case 'broker-restart':
      return restartBroker();
    case 'registry-stop':
      return stopRegistry(fault.forMs);
    case 'pg-terminate':
      return terminateBackends(pipeline.run.databaseUrl);
    default: {
      const unknown: never = fault;
      throw new Error(`unknown fault ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Injects each fault at its moment after `startedAt` (outages run alongside later faults) and
 * resolves once every one has been injected and every stopped part is back. Faults not yet due
 * when `cancelled()` turns true (the run failed) are skipped.
 */
export async function injectFaults(
  pipeline: ChaosPipeline,
  faults: readonly Fault[],
  startedAt: number,
  log: (line: string) => void,
  cancelled: () => boolean,
): Promise<InjectedFault[]> {
  const injected = faults.map(async (fault) => {
    await sleep(Math.max(0, startedAt + fault.atMs - Date.now()));
    const atMs = Date.now() - startedAt;
    if (cancelled()) return { fault, atMs, detail: 'skipped: the run had failed', injected: false };
    const { detail, injected } = await inject(pipeline, fault).then(
      (done) => ({ detail: done, injected: true }),
      (error: unknown) => ({ detail: `failed: ${error instanceof Error ? error.message : String(error)}`, injected: false }),
    );
    log(`[chaos] +${(atMs / 1000).toFixed(1)}s ${fault.kind}: ${detail}`);
    return { fault, atMs, detail, injected };
  });
  return Promise.all(injected);
}
