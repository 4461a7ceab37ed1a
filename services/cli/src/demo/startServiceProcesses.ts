import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const SERVICES = ['ingest', 'scoring', 'handoff', 'projections'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface ServiceProcess {
  name: ServiceName;
  child: ChildProcess;
  healthUrl: string;
  logFile: string;
}

/** The compiled entry point of a service, next to this package in the workspace. */
export const serviceEntry = (name: ServiceName): string => join(__dirname, '..', '..', '..', name, 'dist', 'main.js');

/**
 * Node's arguments for a service process: its entry, after `--cpu-prof` when LEADFLOW_CPU_PROF_DIR
 * names a directory (each service then writes a V8 CPU profile there when it exits; Node refuses
 * `--cpu-prof` in NODE_OPTIONS).
 */
export const serviceArgs = (name: ServiceName, env: NodeJS.ProcessEnv): string[] => [
  ...(env.LEADFLOW_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${env.LEADFLOW_CPU_PROF_DIR}`] : []),
  serviceEntry(name),
];

/** Starts services (all by default) as separate processes, each logging to its own file. */
export function startServiceProcesses(
  env: NodeJS.ProcessEnv,
  ports: Record<ServiceName, number>,
  logDir: string,
  names: readonly ServiceName[] = SERVICES,
): ServiceProcess[] {
  mkdirSync(logDir, { recursive: true });
  return names.map((name) => {
    const logFile = join(logDir, `${name}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    const portVariable = name === 'ingest' ? 'INGEST_PORT' : 'HEALTH_PORT';
    const child = spawn(process.execPath, serviceArgs(name, env), {
      env: { ...env, [portVariable]: String(ports[name]) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return { name, child, healthUrl: `http://127.0.0.1:${ports[name]}/health/ready`, logFile };
  });
}

/** Waits until every service answers ready, or fails naming the one that did not. */
export async function waitUntilReady(services: ServiceProcess[], timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const service of services) {
    for (;;) {
      if (service.child.exitCode !== null) {
        throw new Error(`${service.name} exited with code ${service.child.exitCode}; see ${service.logFile}`);
      }
      const ok = await fetch(service.healthUrl).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${service.name} was not ready in time; see ${service.logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Sends SIGTERM and waits for each service to finish its batch in flight and exit. */
export async function stopServiceProcesses(services: ServiceProcess[], timeoutMs = 20_000): Promise<void> {
  await Promise.all(
    services.map(
      (service) =>
        new Promise<void>((resolve) => {
          if (service.child.exitCode !== null || service.child.signalCode !== null) return resolve();
          const timer = setTimeout(() => service.child.kill('SIGKILL'), timeoutMs);
          service.child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          service.child.kill('SIGTERM');
        }),
    ),
  );
}
