import cluster from 'node:cluster';
import { createLogger, loadConfig, runUntilSignalled } from '@leadflow/kit';
import { ingestConfigSchema } from './config';
import { startIngest } from './startIngest';
import { runIngestWorker } from './workers/runIngestWorker';
import { runIngestWorkers } from './workers/runIngestWorkers';
import { workerShare } from './workers/workerShare';

const config = loadConfig(ingestConfigSchema);
const logger = createLogger('ingest', config.LOG_LEVEL);
const workers = config.INGEST_WORKERS;
if (workers === 1) {
  void runUntilSignalled('ingest', logger, () => startIngest(config), config.SHUTDOWN_DEADLINE_MS);
} else if (cluster.isPrimary) {
  runIngestWorkers(workers, logger, config.SHUTDOWN_DEADLINE_MS);
} else {
  void runIngestWorker(logger.child({ worker: cluster.worker?.id }), () => startIngest(workerShare(config, workers)));
}
