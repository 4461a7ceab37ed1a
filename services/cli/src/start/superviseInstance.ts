import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { serviceArgs } from '../demo/startServiceProcesses';
import type { InstancePlan } from './planInstances';
import { restartDelayMs, STABLE_AFTER_MS } from './restartDelay';

export interface SupervisedInstance {
  plan: InstancePlan;
  logFile: string;
  /** The current process's id (a restart changes it). */
  pid(): number | undefined;
  /** Resolves once the instance answers ready; rejects when it is stopped before. */
  ready(timeoutMs: number): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; no restart afterwards. */
  stop(graceMs: number): Promise<void>;
}

/** A process that exited on its own, and when it will be started again. */
export interface InstanceExited {
  label: string;
  code: number | null;
  signal: string | null;
  restartInMs: number;
  logFile: string;
}

/**
 * Runs one service process and restarts it whenever it exits on its own, after a backoff that
 * grows while it keeps failing. Each process gets its own process group, so a terminal's Ctrl-C
 * reaches only the supervisor, which then stops every process with exactly one SIGTERM.
 */
export function superviseInstance(
  plan: InstancePlan,
  env: NodeJS.ProcessEnv,
  logDir: string,
  /** Where the health endpoint answers: the bind address, or loopback when it binds every address. */
  probeHost: string,
  onExit: (event: InstanceExited) => void,
): SupervisedInstance {
  const logFile = join(logDir, `${plan.label}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  let child: ChildProcess | undefined;
  let stopping = false;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = () => {
    const startedAt = Date.now();
    const current = spawn(process.execPath, serviceArgs(plan.service, { ...env, ...plan.env }), { env: { ...env, ...plan.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    current.stdout?.pipe(log, { end: false });
    current.stderr?.pipe(log, { end: false });
    current.once('exit', (code, signal) => {
      if (stopping) return;
      failures = Date.now() - startedAt >= STABLE_AFTER_MS ? 1 : failures + 1;
      const restartInMs = restartDelayMs(failures);
      onExit({ label: plan.label, code, signal, restartInMs, logFile });
      restartTimer = setTimeout(launch, restartInMs);
    });
    child = current;
  };
  launch();

  const healthUrl = `http://${probeHost.includes(':') ? `[${probeHost}]` : probeHost}:${plan.port}/health/ready`;
  return {
    plan,
    logFile,
    pid: () => child?.pid,
    ready: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (!stopping) {
        if (await fetch(healthUrl).then((r) => r.ok, () => false)) return;
        if (Date.now() > deadline) throw new Error(`${plan.label} was not ready after ${timeoutMs / 1000}s; see ${logFile}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`${plan.label} was stopped before it was ready`);
    },
    stop: async (graceMs) => {
      stopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (running && running.exitCode === null && running.signalCode === null) {
        await new Promise<void>((resolve) => {
          const kill = setTimeout(() => running.kill('SIGKILL'), graceMs);
          running.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          running.kill('SIGTERM');
        });
      }
      await new Promise<void>((resolve) => log.end(resolve));
    },
  };
}
