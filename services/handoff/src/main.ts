import { createLogger, loadConfig, runUntilSignalled } from '@leadflow/kit';
import { handoffConfigSchema } from './config';
import { startHandoff } from './startHandoff';

const config = loadConfig(handoffConfigSchema);
void runUntilSignalled('handoff', createLogger('handoff', config.LOG_LEVEL), () => startHandoff(config), config.SHUTDOWN_DEADLINE_MS);
