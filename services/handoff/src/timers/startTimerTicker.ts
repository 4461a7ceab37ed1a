import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { startTicker, type Stoppable } from '@leadflow/kit';
import { earliestDueTimer } from '../db/claimDueTimers';
import type { DecideDeps } from '../kafka/decideForLeads';
import { fireDueTimers } from './fireDueTimers';
import { isCaughtUp } from './isCaughtUp';

export interface TimerTickerOptions {
  pool: Pool;
  admin: Admin;
  deps: DecideDeps;
  groupId: string;
  inputTopics: string[];
  intervalMs: number;
  batchSize: number;
  logger: Logger;
  now?: () => number;
}

/**
 * The wall clock's only job in hand-off: notice that a timer is due while nothing arrives for its
 * lead, and fire it — once the consumer has applied all its input, so a backlog never overtakes
 * the events that would have decided first.
 */
export function startTimerTicker(options: TimerTickerOptions): Stoppable {
  const now = options.now ?? Date.now;
  const step = async () => {
    const at = now();
    if ((await earliestDueTimer(options.pool, at)) === undefined) return { more: false };
    if (!(await isCaughtUp(options.admin, options.pool, options.groupId, options.inputTopics))) return { more: false };
    const fired = await fireDueTimers(options.pool, options.deps, at, options.batchSize);
    return { more: fired === options.batchSize };
  };
  return startTicker('handoff-timers', step, options.intervalMs, options.logger);
}
