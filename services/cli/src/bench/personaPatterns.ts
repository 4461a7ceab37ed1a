import type { ActivityEvent, EventContext } from '@leadflow/schemas';

/** What one activity event says, without its envelope: its type and that type's payload. */
export type ActivityStep = StepOfEach<ActivityEvent>;
type StepOfEach<E> = E extends ActivityEvent ? Pick<E, 'type' | 'payload'> : never;

/** Which lead and which of its events a step is built for, so payloads vary but stay reproducible. */
export interface StepPosition {
  lead: number;
  step: number;
}

type StepOf = (at: StepPosition) => ActivityStep;

export interface PersonaPattern {
  name: string;
  context: EventContext;
  /** Steps taken once, before the loop. */
  opening: StepOf[];
  /** Steps cycled for as long as the lead has events left. */
  loop: StepOf[];
  /** Steps taken anonymously before the visitor identifies (visitors only). */
  anonymous?: StepOf[];
}

const pick = <T>(values: readonly T[], n: number): T => values[n % values.length] as T;

const features = ['realtime-scoring', 'crm-sync', 'routing', 'decay-model', 'sla-alerts', 'grading', 'api', 'webhooks'];
const pages = ['/pricing', '/product', '/integrations', '/docs/api', '/blog/lead-scoring-101', '/customers', '/security'];
const industries = ['software', 'saas', 'fintech', 'healthcare', 'ecommerce', 'manufacturing', 'media'];
const countries = ['US', 'DE', 'GB', 'FR', 'NL', 'SE', 'BR', 'IN'];
const assets = [
  { assetId: 'lead-scoring-guide', assetType: 'whitepaper' },
  { assetId: 'customer-story-acme', assetType: 'case_study' },
  { assetId: 'pricing-sheet', assetType: 'pricing' },
  { assetId: 'product-tour', assetType: 'video' },
  { assetId: 'api-reference', assetType: 'docs' },
] as const;
const paid = { campaignId: 'q4-pricing-webinar', utmSource: 'linkedin', utmMedium: 'paid-social' };
const organic = { utmSource: 'google', utmMedium: 'organic' };

const pageView: StepOf = ({ lead, step }) => ({ type: 'page_viewed', payload: { url: pick(pages, lead + step), durationSec: 30 + ((lead * 7 + step * 13) % 300) } });
const featureExplored: StepOf = ({ lead, step }) => ({ type: 'feature_explored', payload: { feature: pick(features, lead + step), durationSec: 60 + ((lead + step) % 240) } });
const contentConsumed: StepOf = ({ lead, step }) => ({
  type: 'content_consumed',
  payload: { ...pick(assets, lead + step), durationSec: 120 + (step % 480), completionPct: 40 + ((lead + step * 11) % 61) },
});
const returning: StepOf = () => ({ type: 'session_started', payload: { returning: true } });
const emailOpened: StepOf = ({ step }) => ({ type: 'email_engaged', payload: { action: step % 3 === 0 ? 'click' : 'open', campaignId: 'nurture-2026' } });
const question: StepOf = ({ step }) => ({
  type: 'question_asked',
  payload: { text: pick(['Can scores sync to Salesforce within a minute?', 'How is pricing tiered above 50 seats?', 'Does routing skip reps on vacation?'], step), topic: pick(['integration', 'pricing', 'routing'], step), specificity: 0.5 + (step % 5) / 10 },
});
const qualification = (dimension: 'budget' | 'authority' | 'need' | 'timeline'): StepOf => ({ lead }) => ({
  type: 'qualification_captured',
  payload: {
    dimension,
    value: {
      budget: { budgetMin: 20_000 + (lead % 10) * 5_000, budgetMax: 120_000, budgetApproved: lead % 2 === 0 },
      authority: { role: 'VP Engineering', isDecisionMaker: true, stakeholders: 1 + (lead % 5) },
      need: { painPoints: ['slow lead follow-up', 'manual routing'], priority: pick(['high', 'medium'] as const, lead) },
      timeline: { monthsToPurchase: 1 + (lead % 12), evaluationStage: pick(['evaluating', 'shortlisting', 'deciding'] as const, lead) },
    }[dimension],
    confidence: 0.6 + (lead % 4) / 10,
  },
});
const profile = (seniority: 'vp' | 'manager' | 'student' | 'director', size: number): StepOf => ({ lead }) => ({
  type: 'profile_captured',
  payload: {
    companySize: size + (lead % 100),
    annualRevenue: (size + (lead % 100)) * 150_000,
    industry: pick(industries, lead),
    role: `${seniority} at company ${lead}`,
    seniority,
    country: pick(countries, lead),
  },
});

/**
 * Journeys like the sample ones, as repeatable patterns: a VP who self-qualifies, a manager who
 * reads and asks, a student who stays cold, and a visitor who browses anonymously, identifies,
 * then behaves like the manager.
 */
export const personaPatterns: PersonaPattern[] = [
  {
    name: 'champion',
    context: paid,
    opening: [() => ({ type: 'session_started', payload: { returning: false } }), profile('vp', 400), qualification('budget'), qualification('authority')],
    loop: [pageView, featureExplored, contentConsumed, question, returning, qualification('need'), qualification('timeline'), () => ({ type: 'demo_requested', payload: {} })],
  },
  {
    name: 'evaluator',
    context: organic,
    opening: [profile('manager', 250)],
    loop: [contentConsumed, pageView, featureExplored, emailOpened, returning, question, pageView, qualification('need')],
  },
  {
    name: 'student',
    context: organic,
    opening: [profile('student', 1)],
    loop: [pageView, emailOpened, pageView, ({ step }) => ({ type: 'link_opened', payload: { linkId: `newsletter-${step % 4}` } })],
  },
  {
    name: 'visitor',
    context: paid,
    anonymous: [
      () => ({ type: 'session_started', payload: { returning: false } }),
      pageView,
      featureExplored,
      () => ({ type: 'tool_used', payload: { tool: 'roi_calculator', completed: true } }),
      returning,
    ],
    opening: [profile('director', 1_200)],
    loop: [question, featureExplored, contentConsumed, pageView, emailOpened, returning, qualification('need')],
  },
];
