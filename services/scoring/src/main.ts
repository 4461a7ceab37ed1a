import { createLogger, loadConfig, runUntilSignalled } from '@leadflow/kit';
import { scoringConfigSchema } from './config';
import { startScoring } from './startScoring';

const config = loadConfig(scoringConfigSchema);
void runUntilSignalled('scoring', createLogger('scoring', config.LOG_LEVEL), () => startScoring(config), config.SHUTDOWN_DEADLINE_MS);
