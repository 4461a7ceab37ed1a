import type { Logger } from 'pino';
import { isRetriable } from '../errors/LeadflowError';
import type { Stoppable } from './runUntilSignalled';

/**
 * Runs `step` every `intervalMs`, and again at once while it reports more work waiting, so a
 * backlog drains at full speed. A failing step is logged and tried again on the next tick; stop
 * waits for the step in flight.
 */
export function startTicker(name: string, step: () => Promise<{ more: boolean }>, intervalMs: number, logger: Logger): Stoppable {
  let running = true;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      let more = false;
      try {
        ({ more } = await step());
      } catch (error) {
        logger.error({ ticker: name, err: error, retriable: isRetriable(error) }, 'tick failed; retrying next tick');
      }
      if (more || !running) continue;
      // stop() wakes the wait and clears its timer, so a long interval never holds the process open
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
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
