import type { Random } from './seededRandom';

/** Where demo traffic comes from: three paid or owned campaigns, organic search, and direct visits. */
export interface DemoChannel {
  name: string;
  /** The attribution events from this channel carry. */
  context: Record<string, string>;
  landingPage: string;
}

export const paidSocial: DemoChannel = {
  name: 'q4-pricing-webinar',
  context: { campaignId: 'q4-pricing-webinar', utmSource: 'linkedin', utmMedium: 'paid-social' },
  landingPage: '/webinars/pricing-q4',
};
export const paidSearch: DemoChannel = {
  name: 'roi-calculator-search',
  context: { campaignId: 'roi-calculator-search', utmSource: 'google', utmMedium: 'cpc' },
  landingPage: '/roi-calculator',
};
export const newsletter: DemoChannel = {
  name: 'ops-leaders-newsletter',
  context: { campaignId: 'ops-leaders-newsletter', utmSource: 'newsletter', utmMedium: 'email' },
  landingPage: '/blog/speed-to-lead',
};
export const organicSearch: DemoChannel = { name: 'organic', context: { utmSource: 'google', utmMedium: 'organic' }, landingPage: '/blog/what-is-lead-scoring' };
export const direct: DemoChannel = { name: 'direct', context: {}, landingPage: '/' };

/** The campaigns that cost money, and what they cost in each of the last two weeks (EUR). */
export const campaignSpend: { channel: DemoChannel; weekly: [number, number] }[] = [
  { channel: paidSocial, weekly: [2_100, 1_900] },
  { channel: paidSearch, weekly: [1_400, 1_600] },
  { channel: newsletter, weekly: [350, 350] },
];

const byWeight = (random: Random, weighted: [DemoChannel, number][]): DemoChannel => {
  let roll = random.next() * weighted.reduce((sum, [, w]) => sum + w, 0);
  for (const [channel, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return channel;
  }
  return weighted[0]?.[0] ?? direct;
};

/** The channel a lead first came through. */
export const leadChannel = (random: Random): DemoChannel =>
  byWeight(random, [[paidSocial, 30], [paidSearch, 25], [newsletter, 15], [organicSearch, 20], [direct, 10]]);

/** The channel of a visitor who never becomes a lead: paid traffic brings many of them. */
export const visitorChannel = (random: Random): DemoChannel =>
  byWeight(random, [[paidSocial, 35], [paidSearch, 30], [newsletter, 5], [organicSearch, 20], [direct, 10]]);
