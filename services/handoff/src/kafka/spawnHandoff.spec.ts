import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A hand-off service running in a process of its own (built code), as operators run it. */
export interface HandoffProcess {
  /** Ends it at once, as a crash would (SIGKILL). */
  kill: () => Promise<void>;
}

/** Starts `services/handoff/dist/main.js` with `env` and resolves once it reports ready. */
export async function spawnHandoff(env: Record<string, string>): Promise<HandoffProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'main.js')], { env: { ...process.env, ...env, HEALTH_PORT: String(port) }, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  for (let i = 0; i < 600; i++) {
    if (await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false)) return { kill };
    await sleep(100);
  }
  await kill();
  throw new Error('hand-off process did not become ready');
}
