import type { Logger } from 'pino';
import { isRetriable } from '@leadflow/kit';
import { regradeDueLeads, type RegradeDeps } from './regradeDueLeads';

export interface RegradeTicker {
  stop(): Promise<void>;
}

/**
 * The wall clock's only job: notice that a scheduled crossing is due and issue the re-grade. It
 * ticks every `intervalMs` and immediately again while a full batch was due, so a backlog (after
 * downtime or a replay) drains at full speed and each crossing fires within a tick of its time.
 */
export function startRegradeTicker(deps: RegradeDeps, logger: Logger, intervalMs: number, now: () => number = Date.now): RegradeTicker {
  let running = true;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      let regraded = 0;
      try {
        regraded = await regradeDueLeads(deps, now());
      } catch (error) {
        logger.error({ err: error, retriable: isRetriable(error) }, 're-grading failed; retrying next tick');
      }
      if (regraded === deps.batchSize) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs);
      });
    }
  })();
  return {
    stop: async () => {
      running = false;
      wake?.();
      await loop;
    },
  };
}
