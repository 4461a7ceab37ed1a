import type { PostedEventBody } from '../simulate/sampleJourneys';
import { simulatedTraffic } from '../simulate/simulatedTraffic';

/** Rough events per never-identified visitor, to size the first guess; the loop corrects it. */
const EVENTS_PER_VISITOR = 2;

/**
 * The simulated population of `leads` leads, topped up with anonymous visitors until it holds at
 * least `events` events, in event-time order. Both runs of a comparison are sent this same array.
 */
export function chaosTraffic(options: { events: number; leads: number; seed: number; now: number }): PostedEventBody[] {
  const runId = `chaos-${options.seed}-${options.now.toString(36)}`;
  let visitors = 0;
  for (;;) {
    const events = simulatedTraffic({ leads: options.leads, visitors, seed: options.seed, now: options.now, runId });
    if (events.length >= options.events) return events;
    visitors += Math.ceil((options.events - events.length) / EVENTS_PER_VISITOR);
  }
}
