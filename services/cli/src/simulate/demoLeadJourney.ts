import { randomUUID } from 'node:crypto';
import { newsletter, type DemoChannel } from './demoChannels';
import type { PostedEventBody } from './sampleJourneys';
import type { Random } from './seededRandom';

/** What happens to a generated lead, from marketing's first touch to sales' last word. */
export const demoScenarios = [
  'won',
  'lost',
  'open_opportunity',
  'accepted',
  'accepted_uncontacted',
  'rejected',
  'rejected_returns',
  'disqualified',
  'untouched',
  'breached',
  'nurture',
  'cold',
] as const;
export type DemoScenario = (typeof demoScenarios)[number];

/** Scenarios sales acts on right after the hand-off, through the CRM webhook. */
export const followedUpScenarios: readonly DemoScenario[] = ['won', 'lost', 'open_opportunity', 'accepted', 'accepted_uncontacted', 'rejected', 'rejected_returns', 'disqualified'];
const qualifyingScenarios: readonly DemoScenario[] = [...followedUpScenarios, 'untouched', 'breached'];

export interface DemoLead {
  leadId: string;
  scenario: DemoScenario;
  channel: DemoChannel;
  /**
   * Events in three waves, each scored before the next is sent, so every wave is a step in event
   * time: the first visit (the lead is captured), the return visits (it may become an MQL), and
   * the qualification (BANT answers and a demo request: the hand-off to sales).
   */
  waves: [PostedEventBody[], PostedEventBody[], PostedEventBody[]];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const buyers = [
  { role: 'VP Engineering', seniority: 'vp' },
  { role: 'VP Sales', seniority: 'vp' },
  { role: 'Director of Sales Operations', seniority: 'director' },
  { role: 'Head of Demand Generation', seniority: 'director' },
  { role: 'Chief Revenue Officer', seniority: 'c_level' },
] as const;
const evaluators = [
  { role: 'Marketing Manager', seniority: 'manager' },
  { role: 'Marketing Operations Manager', seniority: 'manager' },
  { role: 'Director of Marketing', seniority: 'director' },
] as const;
const industries = ['software', 'saas', 'fintech', 'information technology', 'healthcare', 'ecommerce', 'professional services'];
const servedCountries = ['US', 'US', 'DE', 'GB', 'FR', 'NL', 'SE', 'CA', 'ES', 'AU'];
const features = ['realtime-scoring', 'crm-sync', 'routing', 'sla-alerts', 'grading', 'webhooks'];
const assets = [
  { assetId: 'lead-scoring-guide', assetType: 'whitepaper' },
  { assetId: 'customer-story-northwind', assetType: 'case_study' },
  { assetId: 'product-tour', assetType: 'video' },
  { assetId: 'speed-to-lead-webinar', assetType: 'webinar' },
] as const;

/** Collects one lead's events, each stamped with its own time. */
function collector(leadId: string, channel: DemoChannel) {
  const events: PostedEventBody[] = [];
  const add = (at: number, type: string, payload: Record<string, unknown> = {}, subject: { leadId?: string; anonymousId?: string } = { leadId }, context = channel.context) => {
    events.push({ eventId: randomUUID(), type, occurredAt: new Date(at).toISOString(), ...subject, context, payload });
  };
  return { events, add };
}

function profileOf(scenario: DemoScenario, random: Random): Record<string, unknown> {
  if (scenario === 'cold') {
    return random.chance(0.5)
      ? { seniority: 'student', country: random.pick(servedCountries) }
      : { companySize: random.int(2, 9), seniority: 'individual', industry: 'retail', role: 'Freelancer', country: random.pick(['BR', 'IN', 'MX']) };
  }
  const person = random.pick<{ role: string; seniority: string }>(scenario === 'nurture' ? evaluators : buyers);
  const companySize = random.int(scenario === 'nurture' ? 80 : 220, 4_800);
  return { companySize, annualRevenue: companySize * random.int(90, 220) * 1_000, industry: random.pick(industries), ...person, country: random.pick(servedCountries) };
}

/** The first visit: anonymous browsing and a form for half of them, a known lead's visit for the others. */
function firstVisit(lead: { leadId: string; scenario: DemoScenario; channel: DemoChannel }, at: number, random: Random, runId: string): PostedEventBody[] {
  const { events, add } = collector(lead.leadId, lead.channel);
  const anonymous = random.chance(0.5) ? { anonymousId: `visitor-${lead.leadId}` } : undefined;
  const subject = anonymous ?? { leadId: lead.leadId };
  add(at, 'session_started', { returning: false }, subject);
  add(at + MINUTE, 'page_viewed', { url: lead.channel.landingPage, durationSec: random.int(30, 240) }, subject);
  if (lead.scenario !== 'cold') add(at + 3 * MINUTE, 'content_consumed', { ...random.pick(assets), durationSec: random.int(120, 900), completionPct: random.int(40, 100) }, subject);
  if (anonymous) add(at + 5 * MINUTE, 'lead_identified', { anonymousId: anonymous.anonymousId, leadId: lead.leadId, email: `${lead.leadId}@example.com` });
  add(at + 6 * MINUTE, 'form_submitted', { formId: `gated-content-${runId}` });
  add(at + 7 * MINUTE, 'profile_captured', profileOf(lead.scenario, random));
  return events;
}

/** Return visits a day or two later; some come back through the newsletter, a later touch. */
function returnVisits(lead: { leadId: string; scenario: DemoScenario; channel: DemoChannel }, at: number, random: Random): PostedEventBody[] {
  const viaNewsletter = lead.channel !== newsletter && random.chance(0.3);
  const { events, add } = collector(lead.leadId, viaNewsletter ? newsletter : lead.channel);
  if (lead.scenario === 'cold') {
    if (random.chance(0.5)) add(at, 'page_viewed', { url: '/blog/what-is-lead-scoring', durationSec: random.int(20, 90) });
    return events;
  }
  if (viaNewsletter) add(at - MINUTE, 'email_engaged', { action: 'click', campaignId: newsletter.name });
  add(at, 'session_started', { returning: true });
  add(at + 2 * MINUTE, 'content_consumed', { ...random.pick(assets), durationSec: random.int(300, 900), completionPct: random.int(60, 100) });
  add(at + 8 * MINUTE, 'feature_explored', { feature: random.pick(features), durationSec: random.int(90, 400) });
  add(at + 12 * MINUTE, 'page_viewed', { url: '/pricing', durationSec: random.int(60, 300) });
  add(at + 15 * MINUTE, 'question_asked', { text: 'Does it integrate with our CRM?', topic: 'integration', specificity: random.int(5, 9) / 10 });
  if (lead.scenario === 'nurture') {
    add(at + 18 * MINUTE, 'qualification_captured', { dimension: 'need', value: { painPoints: ['leads go cold'], priority: 'high' }, confidence: 0.8 });
  }
  return events;
}

/** How likely a lead of each scenario is to engage hard before asking for a demo: the leads that buy engage most. */
const eagerness: Partial<Record<DemoScenario, number>> = {
  won: 0.85,
  open_opportunity: 0.7,
  accepted: 0.5,
  accepted_uncontacted: 0.5,
  lost: 0.4,
  untouched: 0.4,
  breached: 0.3,
  disqualified: 0.2,
  rejected: 0.15,
  rejected_returns: 0.15,
};

/** Sales-ready: all four BANT answers and a demo request, within a few minutes; eager leads look at pricing and run the numbers first. */
function qualification(lead: { leadId: string; scenario: DemoScenario; channel: DemoChannel }, at: number, random: Random): PostedEventBody[] {
  const { events, add } = collector(lead.leadId, lead.channel);
  const eager = random.chance(eagerness[lead.scenario] ?? 0);
  const budgetMax = random.int(4, 20) * 10_000;
  add(at - 10 * MINUTE, 'session_started', { returning: true });
  if (eager) {
    add(at - 9 * MINUTE, 'content_consumed', { assetId: 'pricing-sheet', assetType: 'pricing', durationSec: random.int(200, 600), completionPct: 100 });
    add(at - 7 * MINUTE, 'tool_used', { tool: 'roi_calculator', completed: true });
    add(at - 5 * MINUTE, 'content_shared', { assetId: 'pricing-sheet', channel: 'email', recipients: random.int(2, 5) });
    add(at - 3 * MINUTE, 'question_asked', { text: 'Can routing follow our territories?', topic: 'routing', specificity: 0.9 });
  }
  add(at - MINUTE, 'feature_explored', { feature: random.pick(features), durationSec: random.int(120, 400) });
  add(at, 'qualification_captured', { dimension: 'budget', value: { budgetMin: budgetMax / 2, budgetMax, budgetApproved: eager || random.chance(0.5) }, confidence: 0.9 });
  add(at + MINUTE, 'qualification_captured', { dimension: 'authority', value: { role: 'buyer', isDecisionMaker: eager || random.chance(0.6), stakeholders: random.int(1, 5) }, confidence: 0.8 });
  add(at + 2 * MINUTE, 'qualification_captured', { dimension: 'need', value: { painPoints: ['slow lead follow-up', 'manual routing'], priority: eager ? 'high' : random.pick(['high', 'medium']) }, confidence: 0.8 });
  add(at + 3 * MINUTE, 'qualification_captured', { dimension: 'timeline', value: { monthsToPurchase: random.int(1, eager ? 3 : 6), evaluationStage: eager ? 'deciding' : random.pick(['evaluating', 'shortlisting']) }, confidence: 0.8 });
  add(at + 4 * MINUTE, 'demo_requested');
  return events;
}

/** When the lead is handed to sales: long ago for clocks left to run out, hours ago for leads waiting, minutes ago for leads sales picks up now. */
function qualifiedAt(scenario: DemoScenario, now: number, random: Random): number {
  if (scenario === 'breached') return now - random.int(5 * 24, 8 * 24) * HOUR;
  if (scenario === 'untouched') return now - random.int(2 * 60, 20 * 60) * MINUTE;
  return now - random.int(38, 42) * MINUTE;
}

/** One generated lead's journey for its scenario, in event time before `now`. */
export function demoLeadJourney(leadId: string, scenario: DemoScenario, channel: DemoChannel, now: number, random: Random, runId: string): DemoLead {
  const lead = { leadId, scenario, channel };
  const qualifying = qualifyingScenarios.includes(scenario);
  const qualified = qualifying ? qualifiedAt(scenario, now, random) : now;
  // The return visits come one to four days after the first, and one to five days before the hand-off.
  const returning = Math.min(now, qualified) - random.int(1 * 24, 5 * 24) * HOUR;
  const first = returning - random.int(1 * 24, 4 * 24) * HOUR;
  const waves: DemoLead['waves'] = [firstVisit(lead, first, random, runId), returnVisits(lead, returning, random), qualifying ? qualification(lead, qualified, random) : []];
  // A lead handed off days ago is sent whole, first: otherwise the decay re-grading, which runs on
  // the wall clock, could re-grade it to a later time before its qualification arrives.
  if (scenario === 'breached') return { leadId, scenario, channel, waves: [waves.flat(), [], []] };
  return { leadId, scenario, channel, waves };
}

