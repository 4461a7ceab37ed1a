import { createLogger, loadConfig, runUntilSignalled } from '@leadflow/kit';
import { ingestConfigSchema } from './config';
import { startIngest } from './startIngest';

const config = loadConfig(ingestConfigSchema);
void runUntilSignalled('ingest', createLogger('ingest', config.LOG_LEVEL), () => startIngest(config), config.SHUTDOWN_DEADLINE_MS);
