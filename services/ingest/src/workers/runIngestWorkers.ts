import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** What the primary tells a worker: stop taking requests, finish those in flight, exit. */
export const STOP_MESSAGE = 'leadflow-ingest-stop';

const RESTART_DELAY_MS = 1000;

/**
 * The primary of `workers` ingest processes sharing one listening socket (node:cluster hands each
 * new connection to the next worker). It forks them, replaces one that dies after it was listening,
 * and on SIGTERM or SIGINT asks each to stop gracefully — the primary alone handles signals, since
 * a terminal's Ctrl-C reaches every process of the group — killing what outlasts `deadlineMs`.
 * A worker that dies before it ever listened fails the start: every worker then stops and the
 * primary exits 1, as a single process would.
 */
export function runIngestWorkers(workers: number, logger: Logger, deadlineMs: number): void {
  const listened = new WeakSet<Worker>();
  // Our own count: node:cluster removes a worker from `cluster.workers` only once both its exit and its disconnect were seen.
  const running = new Set<Worker>();
  let stopping = false;
  let failed = false;

  const fork = () => {
    const worker = cluster.fork();
    running.add(worker);
    worker.once('listening', () => listened.add(worker));
    worker.once('exit', (code, signal) => {
      running.delete(worker);
      if (stopping) {
        if (code !== 0) failed = true;
        if (running.size === 0) process.exit(failed ? 1 : 0);
        return;
      }
      if (!listened.has(worker)) {
        logger.fatal({ pid: worker.process.pid, code, signal }, 'an ingest worker failed to start; stopping the others');
        failed = true;
        stop();
        return;
      }
      logger.error({ pid: worker.process.pid, code, signal }, 'an ingest worker died; starting another');
      setTimeout(() => stopping || fork(), RESTART_DELAY_MS);
    });
  };

  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ deadlineMs }, 'stopping the ingest workers');
    setTimeout(() => {
      logger.error({ deadlineMs }, 'ingest workers outlasted the stop deadline; killing them');
      for (const worker of running) worker.process.kill('SIGKILL');
      process.exit(1);
    }, deadlineMs).unref();
    if (running.size === 0) process.exit(failed ? 1 : 0);
    for (const worker of running) if (worker.isConnected()) worker.send(STOP_MESSAGE);
  };

  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < workers; i += 1) fork();
  logger.info({ workers }, 'ingest workers starting');
}
