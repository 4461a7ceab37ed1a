import type { Logger } from 'pino';
import { startTicker, type Stoppable } from '@leadflow/kit';
import { regradeDueLeads, type RegradeDeps } from './regradeDueLeads';

/**
 * The wall clock's only job in scoring: notice that a scheduled grade crossing is due and issue the
 * re-grade, within a tick of its time; a backlog (after downtime or a replay) drains at full speed.
 */
export function startRegradeTicker(deps: RegradeDeps, logger: Logger, intervalMs: number, now: () => number = Date.now): Stoppable {
  const step = async () => ({ more: (await regradeDueLeads(deps, now())) === deps.batchSize });
  return startTicker('regrade', step, intervalMs, logger);
}
