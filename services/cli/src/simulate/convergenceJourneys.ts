import type { PostedEventBody } from './sampleJourneys';
import type { Random } from './seededRandom';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A generated lead's events, for `POST /v1/events`, and what its CRM reports, for `POST /v1/outcomes`. */
export interface ConvergenceJourney {
  leadId: string;
  events: PostedEventBody[];
  outcomes: PostedEventBody[];
}

const features = ['realtime-scoring', 'crm-sync', 'routing', 'sla-alerts', 'grading'];
const assets = [
  { assetId: 'lead-scoring-guide', assetType: 'whitepaper' },
  { assetId: 'customer-story-northwind', assetType: 'case_study' },
  { assetId: 'pricing-sheet', assetType: 'pricing' },
  { assetId: 'speed-to-lead-webinar', assetType: 'webinar' },
] as const;
const people = [
  { role: 'VP Sales', seniority: 'vp' },
  { role: 'Director of Sales Operations', seniority: 'director' },
  { role: 'Marketing Manager', seniority: 'manager' },
  { role: 'Student', seniority: 'student' },
] as const;

/** A version 4 UUID drawn from the seeded source, so a seed gives the same event ids every time. */
function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + random.int(0, 3)).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Appends one lead's events in event time; `at` moves forward by what each step says. */
function journeyBuilder(leadId: string, start: number, random: Random) {
  const events: PostedEventBody[] = [];
  const outcomes: PostedEventBody[] = [];
  const context = { campaignId: random.pick(['q1-paid-search', 'newsletter', 'partner-webinar']), utmSource: random.pick(['google', 'newsletter', 'linkedin']) };
  let at = start;
  const body = (type: string, payload: Record<string, unknown>, subject: Record<string, string>): PostedEventBody => ({
    eventId: uuidFrom(random),
    type,
    occurredAt: new Date(at).toISOString(),
    ...subject,
    context,
    payload,
  });
  return {
    events,
    outcomes,
    after(ms: number) {
      at += ms;
      return this;
    },
    add(type: string, payload: Record<string, unknown> = {}, subject: Record<string, string> = { leadId }) {
      events.push(body(type, payload, subject));
      return this.after(random.int(1, 20) * MINUTE);
    },
    outcome(type: string, payload: Record<string, unknown> = {}) {
      const { context: _context, ...outcome } = body(type, payload, { leadId });
      outcomes.push(outcome);
      return this.after(random.int(5, 90) * MINUTE);
    },
  };
}

type Builder = ReturnType<typeof journeyBuilder>;

function browse(b: Builder, random: Random, subject?: Record<string, string>): void {
  b.add('session_started', { returning: random.chance(0.5) }, subject);
  b.add('page_viewed', { url: random.pick(['/pricing', '/product', '/blog/lead-scoring']), durationSec: random.int(20, 300) }, subject);
  if (random.chance(0.7)) b.add('content_consumed', { ...random.pick(assets), durationSec: random.int(60, 900), completionPct: random.int(20, 100) }, subject);
  if (random.chance(0.6)) b.add('feature_explored', { feature: random.pick(features), durationSec: random.int(30, 400) }, subject);
}

function profile(b: Builder, random: Random): void {
  const companySize = random.int(5, 5000);
  b.add('profile_captured', { companySize, annualRevenue: companySize * random.int(50, 250) * 1000, industry: random.pick(['software', 'saas', 'retail', 'healthcare']), ...random.pick(people), country: random.pick(['US', 'DE', 'GB', 'BR']) });
}

function bant(b: Builder, random: Random): void {
  const dimensions = random.shuffle(['budget', 'authority', 'need', 'timeline']).slice(0, random.int(1, 4));
  const values: Record<string, Record<string, unknown>> = {
    budget: { budgetMin: 20_000, budgetMax: random.int(3, 20) * 10_000, budgetApproved: random.chance(0.6) },
    authority: { role: 'buyer', isDecisionMaker: random.chance(0.6), stakeholders: random.int(1, 5) },
    need: { painPoints: ['slow lead follow-up'], priority: random.pick(['high', 'medium', 'low']) },
    timeline: { monthsToPurchase: random.int(1, 12), evaluationStage: random.pick(['evaluating', 'shortlisting', 'deciding']) },
  };
  for (const dimension of dimensions) b.add('qualification_captured', { dimension, value: values[dimension], confidence: random.int(5, 10) / 10 });
}

/** What sales reports after a hand-off: contact within or after the SLA, then acceptance, a deal, or a rejection. */
function crmOutcomes(b: Builder, random: Random): void {
  b.after(random.chance(0.5) ? random.int(10, 50) * MINUTE : random.int(2, 30) * HOUR);
  const path = random.pick(['won', 'lost', 'rejected', 'accepted', 'contacted']);
  b.outcome('lead_contacted', { channel: 'phone', by: 'crm' });
  if (path === 'rejected') return void b.outcome('lead_rejected', { reason: 'not the decision maker' });
  if (path === 'contacted') return;
  b.outcome('lead_accepted', { by: 'crm' });
  if (path === 'accepted') return;
  b.outcome('opportunity_created', { amount: random.int(10, 90) * 1000 });
  b.outcome(path === 'won' ? 'deal_won' : 'deal_lost', path === 'won' ? { amount: random.int(10, 90) * 1000 } : { reason: 'chose a competitor' });
}

/**
 * One lead's journey over weeks before `now`: anonymous visits and identification, profile
 * changes, return visits, BANT answers, demo or contact requests, consent withdrawn (and sometimes
 * granted again), unsubscribes, CRM outcomes with SLA-relevant delays, and silences long enough
 * for decay to re-grade the lead. Every event lies in the past.
 */
export function convergenceJourney(leadId: string, now: number, random: Random): ConvergenceJourney {
  const b = journeyBuilder(leadId, now - random.int(20, 70) * DAY, random);
  if (random.chance(0.5)) {
    const visitor = { anonymousId: `visitor-${leadId}` };
    browse(b, random, visitor);
    b.after(random.int(1, 48) * HOUR);
    browse(b, random, visitor);
    b.add('lead_identified', { anonymousId: visitor.anonymousId, leadId, email: `${leadId}@example.com`, company: random.pick(['Globex', 'Initech', 'Umbrella']) });
  }
  profile(b, random);
  for (let visits = random.int(1, 4); visits > 0; visits -= 1) {
    b.after(random.int(6, 96) * HOUR);
    browse(b, random);
    if (random.chance(0.4)) b.add('question_asked', { text: 'Does it integrate with our CRM?', topic: 'integration', specificity: random.int(3, 9) / 10 });
    if (random.chance(0.2)) b.add('content_shared', { assetId: 'pricing-sheet', channel: 'email', recipients: random.int(1, 4) });
  }
  if (random.chance(0.3)) profile(b, random);
  if (random.chance(0.7)) bant(b, random);
  if (random.chance(0.15)) b.add('consent_changed', { purpose: 'contact', granted: false });
  const asks = random.chance(0.5);
  if (asks) b.add(random.chance(0.7) ? 'demo_requested' : 'contact_requested');
  if (random.chance(0.15)) b.after(random.int(1, 10) * MINUTE).add('consent_changed', { purpose: 'contact', granted: false });
  if (random.chance(0.1)) b.add('consent_changed', { purpose: 'contact', granted: true });
  if (random.chance(0.1)) b.add('unsubscribed');
  if (asks && random.chance(0.6)) crmOutcomes(b, random);
  if (random.chance(0.3)) {
    b.after(random.int(7, 21) * DAY);
    browse(b, random);
  }
  return { leadId, events: b.events, outcomes: b.outcomes.filter((o) => Date.parse(o.occurredAt) < now - MINUTE) };
}

/** `count` journeys for one seed; the same seed and `now` give the same events. */
export function convergenceJourneys(count: number, now: number, random: Random, runId: string): ConvergenceJourney[] {
  return Array.from({ length: count }, (_, i) => convergenceJourney(`conv-${runId}-${i}`, now, random)).map((j) => ({
    ...j,
    events: j.events.filter((e) => Date.parse(e.occurredAt) < now - MINUTE),
  }));
}
