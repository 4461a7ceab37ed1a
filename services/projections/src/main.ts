import { createLogger, loadConfig, runUntilSignalled } from '@leadflow/kit';
import { projectionsConfigSchema } from './config';
import { startProjections } from './startProjections';

const config = loadConfig(projectionsConfigSchema);
void runUntilSignalled('projections', createLogger('projections', config.LOG_LEVEL), () => startProjections(config), config.SHUTDOWN_DEADLINE_MS);
