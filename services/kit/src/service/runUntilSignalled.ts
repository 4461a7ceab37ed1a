import type { Logger } from 'pino';

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Starts a service and stops it gracefully on SIGTERM or SIGINT, so what was processed is
 * committed before the process exits. A second signal, or a stop that outlasts `deadlineMs`, exits
 * at once: a batch still in flight then rolls back with its connection, and its offsets with it.
 */
export async function runUntilSignalled(name: string, logger: Logger, start: () => Promise<Stoppable>, deadlineMs = 30_000): Promise<void> {
  let service: Stoppable;
  try {
    service = await start();
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
  logger.info({ service: name }, 'started');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal, deadlineMs }, 'stopping');
    setTimeout(() => {
      logger.error({ deadlineMs }, 'stop outlasted its deadline; exiting (work in flight rolls back)');
      process.exit(1);
    }, deadlineMs).unref();
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
