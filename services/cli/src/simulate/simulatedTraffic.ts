import { demoPopulation } from './demoPopulation';
import type { PostedEventBody } from './sampleJourneys';

/** The generator's population comes in cohorts of this many leads, each with its scenario mix. */
const COHORT = 60;

/**
 * Activity of `leads` generated leads (each scenario in the demo's proportions: cold, nurtured,
 * handed off, ...) and `visitors` anonymous visitors who never identify, in event-time order —
 * the order a real site would send it in. The shape depends on `seed` only; ids are new.
 */
export function simulatedTraffic(options: { leads: number; visitors: number; seed: number; now: number; runId: string }): PostedEventBody[] {
  const cohorts = Math.max(1, Math.ceil(options.leads / COHORT));
  const events = Array.from({ length: cohorts }, (_, k) => {
    const cohortLeads = Math.min(COHORT, options.leads - k * COHORT);
    const visitors = Math.floor(options.visitors / cohorts) + (k < options.visitors % cohorts ? 1 : 0);
    const population = demoPopulation(options.now, `${options.runId}-${k + 1}`, { visitors, seed: options.seed + k });
    return [...population.visitors, ...population.leads.slice(0, Math.max(0, cohortLeads)).flatMap((lead) => lead.waves.flat())];
  }).flat();
  return events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

/** How many events a sender keeping `ratePerSecond` should have sent `elapsedMs` after it began. */
export const eventsDueBy = (ratePerSecond: number, elapsedMs: number): number => Math.floor((ratePerSecond * elapsedMs) / 1000);
