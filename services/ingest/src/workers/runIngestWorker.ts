import type { Logger } from 'pino';
import type { Stoppable } from '@leadflow/kit';
import { STOP_MESSAGE } from './runIngestWorkers';

/**
 * One worker under the primary: it starts ingest, then stops gracefully when the primary asks or
 * goes away — also when asked while still starting, once started. Signals are the primary's to
 * handle (a terminal's Ctrl-C reaches every process of the group), so the worker ignores them
 * rather than dying with requests in flight.
 */
export async function runIngestWorker(logger: Logger, start: () => Promise<Stoppable>): Promise<void> {
  const ignore = () => undefined;
  process.on('SIGTERM', ignore);
  process.on('SIGINT', ignore);
  let service: Stoppable | undefined;
  let stopRequested = false;
  let stopping = false;
  const stop = () => {
    stopRequested = true;
    if (!service || stopping) return;
    stopping = true;
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'ingest worker stop failed');
        process.exit(1);
      },
    );
  };
  process.on('message', (message) => message === STOP_MESSAGE && stop());
  process.on('disconnect', stop);
  try {
    service = await start();
  } catch (error) {
    logger.fatal({ err: error }, 'ingest worker failed to start');
    process.exit(1);
  }
  if (stopRequested) stop();
}
