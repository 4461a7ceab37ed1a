import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { isCaughtUp, readPartitionWatermarks, startTicker, unpublishedTopics, type DeadLetterPublisher, type Stoppable } from '@leadflow/kit';
import { earliestDueTimer } from '../db/claimDueTimers';
import { hasHeldOutcomes } from '../db/leadInputs';
import type { DecideDeps } from '../kafka/decideForLeads';
import { fireDueTimers } from './fireDueTimers';
import { refuseHeldOutcomes } from './refuseHeldOutcomes';

export interface TimerTickerOptions {
  pool: Pool;
  admin: Admin;
  deps: DecideDeps;
  deadLetters: DeadLetterPublisher;
  groupId: string;
  inputTopics: string[];
  intervalMs: number;
  /** How long after a moment of event time records of that moment may still arrive on a partition. */
  allowedLatenessMs: number;
  batchSize: number;
  logger: Logger;
  now?: () => number;
}

/** Whether no input of hand-off can still be on its way: its topics applied to their ends, nothing for them in the outbox. */
async function nothingOnItsWay(options: TimerTickerOptions, group: { groupId: string; topics: string[] }): Promise<boolean> {
  if ((await unpublishedTopics(options.pool, group.topics)).size > 0) return false;
  return isCaughtUp(options.admin, options.pool, group);
}

/**
 * The wall clock's only job in hand-off: notice that a timer is due while nothing arrives for its
 * lead, and fire it — once the lead's partition of every input topic has passed the due time in
 * event time (its watermark: the latest event time applied there, or now once it is drained, less
 * the allowed lateness), so a backlog never overtakes the events that would have decided first, and
 * one lagging partition holds back only its own leads. Then, too, outcomes held for a state that
 * never came are refused: once the lead's partitions have passed them and, since a refusal cannot be
 * undone, no input can still be on its way.
 */
export function startTimerTicker(options: TimerTickerOptions): Stoppable {
  const now = options.now ?? Date.now;
  const group = { groupId: options.groupId, topics: options.inputTopics };
  const step = async () => {
    const at = now();
    const timerDue = (await earliestDueTimer(options.pool, at)) !== undefined;
    const held = await hasHeldOutcomes(options.pool);
    if (!timerDue && !held) return { more: false };
    const watermarks = await readPartitionWatermarks(options.admin, options.pool, group, at, options.allowedLatenessMs);
    // Held outcomes first: each lead is decided in event time, with the timers due before them.
    // A timer fired early is compensated when a late input arrives; a refusal is final, so held
    // outcomes wait until no input can still be on its way: hand-off has applied everything its
    // topics hold and nothing committed for them waits in the outbox.
    const settled = held && (await nothingOnItsWay(options, group)) ? await refuseHeldOutcomes(options.pool, options.deps, options.deadLetters, options.batchSize, watermarks) : 0;
    const fired = timerDue ? await fireDueTimers(options.pool, options.deps, at, options.batchSize, watermarks) : 0;
    return { more: fired === options.batchSize || settled === options.batchSize };
  };
  return startTicker('handoff-timers', step, options.intervalMs, options.logger);
}
