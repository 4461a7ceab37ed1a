import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ScoringRole } from '@leadflow/scoring';
import { repoRoot } from '../commands/stack';

/** The two processes of the split layout: stitching alone, and the fold with the tickers. */
export const splitLayout: ScoringRole[][] = [['stitching'], ['fold', 'regrade', 'retention']];

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

async function waitUntilReady(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`a scoring process exited with ${child.exitCode} before it was ready`);
    if (await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false)) return;
    if (performance.now() > until) throw new Error(`a scoring process was not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const stopped = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * Starts scoring as two processes of the built service (`services/scoring/dist/main.js`), each
 * running the roles `splitLayout` gives it, in the environment of `env`; resolves once both are
 * ready, with a stop that ends both.
 */
export async function startSplitScoring(env: Record<string, string>, timeoutMs: number): Promise<{ stop(): Promise<void> }> {
  const main = join(repoRoot, 'services', 'scoring', 'dist', 'main.js');
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopped));
  };
  try {
    for (const roles of splitLayout) {
      const port = await freePort();
      const child = spawn(process.execPath, [main], { env: { ...process.env, ...env, SCORING_ROLES: roles.join(','), HEALTH_PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit'] });
      children.push(child);
      await waitUntilReady(port, child, timeoutMs);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
