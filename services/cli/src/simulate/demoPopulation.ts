import { randomUUID } from 'node:crypto';
import { campaignSpend, leadChannel, visitorChannel } from './demoChannels';
import { demoLeadJourney, type DemoLead, type DemoScenario } from './demoLeadJourney';
import type { PostedEventBody } from './sampleJourneys';
import { seededRandom } from './seededRandom';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How many generated leads follow each scenario. */
export const demoScenarioCounts: Record<DemoScenario, number> = {
  won: 6,
  lost: 4,
  open_opportunity: 5,
  accepted: 5,
  accepted_uncontacted: 2,
  rejected: 2,
  rejected_returns: 2,
  disqualified: 2,
  untouched: 4,
  breached: 4,
  nurture: 12,
  cold: 12,
};

export interface DemoPopulation {
  leads: DemoLead[];
  /** Events of visitors who browse and never say who they are. */
  visitors: PostedEventBody[];
  /** What the campaigns cost, week by week, as the CRM reports it. */
  costs: PostedEventBody[];
}

/** Visits (a start, and a page or two) of visitors over the last two weeks who never identify. */
function anonymousVisitors(count: number, now: number, runId: string, random: ReturnType<typeof seededRandom>): PostedEventBody[] {
  return Array.from({ length: count }, (_, i) => {
    const channel = visitorChannel(random);
    const anonymousId = `visitor-${runId}-${i}`;
    const at = now - random.int(2, 14 * 24) * HOUR;
    const pages = random.int(0, 2);
    return [
      { type: 'session_started', at, payload: { returning: false } },
      ...Array.from({ length: pages }, (_, p) => ({ type: 'page_viewed', at: at + (p + 1) * 60_000, payload: { url: p === 0 ? channel.landingPage : '/pricing', durationSec: random.int(5, 120) } })),
    ].map((e) => ({ eventId: randomUUID(), type: e.type, occurredAt: new Date(e.at).toISOString(), anonymousId, context: channel.context, payload: e.payload }));
  }).flat();
}

function weeklyCosts(now: number): PostedEventBody[] {
  return campaignSpend.flatMap(({ channel, weekly }) =>
    weekly.map((amount, week) => ({
      eventId: randomUUID(),
      type: 'campaign_cost_recorded',
      occurredAt: new Date(now - 60_000).toISOString(),
      payload: { campaignId: channel.name, amount, currency: 'EUR', from: now - (2 - week) * 7 * DAY, to: now - (1 - week) * 7 * DAY },
    })),
  );
}

/**
 * A population for the analytics read models: generated leads across three campaigns, organic
 * search and direct visits, each with a scenario from cold to won; anonymous visitors who never
 * identify; and the campaigns' spend. The shape is the same on every run (a fixed seed); ids and
 * times are new.
 */
export function demoPopulation(now: number, runId: string, options: { visitors?: number; seed?: number } = {}): DemoPopulation {
  const random = seededRandom(options.seed ?? 20_261_125);
  const scenarios = random.shuffle(Object.entries(demoScenarioCounts).flatMap(([scenario, n]) => Array<DemoScenario>(n).fill(scenario as DemoScenario)));
  const leads = scenarios.map((scenario, i) => demoLeadJourney(`lead-${runId}-${String(i + 1).padStart(2, '0')}`, scenario, leadChannel(random), now, random, runId));
  return { leads, visitors: anonymousVisitors(options.visitors ?? 320, now, runId, random), costs: weeklyCosts(now) };
}
