// Named *.spec.ts so that the build leaves these test fixtures out; it holds no tests itself.
import { testing } from '@leadflow/kit';
import type { LeadActivityEvent } from '@leadflow/schemas';
import fc from 'fast-check';
import defaultModelFile from '../../models/default.v1.json';
import { DAY_MS } from './decay';
import type { ScoreEvaluation } from './evaluateScores';
import { foldActivity } from './foldActivity';
import { initialLeadScoreState, type LeadScoreState } from './leadScoreState';
import { parseScoringModel, type ScoringModel } from './scoringModel';

/** A personal field as topics carry it: an envelope (scoring never opens one). */
export const sealedLike = testing.sealedLike;

export const HOUR_MS = 3_600_000;
/** 2025-01-01T00:00:00Z */
export const T0 = 1_735_689_600_000;
export const day = (n: number): number => T0 + n * DAY_MS;

export function defaultModel(): ScoringModel {
  const parsed = parseScoringModel(defaultModelFile);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.model;
}

type ActivityType = LeadActivityEvent['type'];
type PayloadOf<T extends ActivityType> = Extract<LeadActivityEvent, { type: T }>['payload'];

const eventIdFor = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Where an event came from: its source, visitor and attribution context. */
type Origin = Partial<Pick<LeadActivityEvent, 'source' | 'anonymousId' | 'context'>>;

/** Builds the events of one hand-written journey with ids in the order they are written. */
export function journey(leadId = 'lead-1') {
  let written = 0;
  return <T extends ActivityType>(
    type: T,
    payload: PayloadOf<T>,
    occurredAt: number,
    origin: Origin = {},
  ): LeadActivityEvent =>
    ({
      eventId: eventIdFor(++written),
      occurredAt,
      receivedAt: occurredAt,
      source: 'web',
      leadId,
      ...origin,
      type,
      payload,
    }) as LeadActivityEvent;
}

export const foldAll = (
  events: readonly LeadActivityEvent[],
  model: ScoringModel,
  from: LeadScoreState = initialLeadScoreState(),
): LeadScoreState => events.reduce((state, event) => foldActivity(state, event, model), from);

const confidence = fc.double({ min: 0, max: 1, noNaN: true });
const feature = fc.constantFrom('reporting', 'api', 'sso', 'workflows', 'integrations');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const payloads: { [T in ActivityType]: fc.Arbitrary<PayloadOf<T>> } = {
  session_started: fc.record({ returning: fc.boolean() }),
  page_viewed: fc.record({
    url: fc.constantFrom('/pricing', '/blog/why-scoring', '/demo', '/docs/api'),
    durationSec: maybe(fc.integer({ min: 0, max: 3600 })),
  }),
  content_consumed: fc.record({
    assetId: fc.constantFrom('wp-1', 'vid-2', 'case-3', 'price-4', 'demo-5', 'demo-6', 'price-7', 'demo-8'),
    assetType: fc.constantFrom('whitepaper', 'video', 'webinar', 'case_study', 'pricing', 'demo', 'docs'),
    durationSec: maybe(fc.integer({ min: 0, max: 3600 })),
    completionPct: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
  }),
  feature_explored: fc.record({ feature, durationSec: maybe(fc.integer({ min: 0, max: 3600 })) }),
  tool_used: fc.record({
    tool: fc.constantFrom('roi_calculator', 'assessment', 'configurator'),
    completed: fc.boolean(),
  }),
  email_engaged: fc.record({
    action: fc.constantFrom('open', 'click'),
    campaignId: fc.constantFrom('spring', 'launch'),
  }),
  form_submitted: fc.record({ formId: fc.constantFrom('newsletter', 'trial') }),
  content_shared: fc.record({
    assetId: fc.constant('wp-1'),
    channel: fc.constantFrom('email', 'slack'),
    recipients: fc.integer({ min: 1, max: 20 }),
  }),
  demo_requested: fc.constant({}),
  contact_requested: fc.constant({}),
  link_opened: fc.record({ linkId: fc.constantFrom('l-1', 'l-2') }),
  unsubscribed: fc.constant({}),
  question_asked: fc.record({
    text: fc.constantFrom('Does it support SSO?', 'What does a seat cost?', 'Can routing follow territories?').map(sealedLike),
    topic: fc.constantFrom('security', 'pricing'),
    specificity: confidence,
  }),
  qualification_captured: fc.record({
    dimension: fc.constantFrom('budget', 'authority', 'need', 'timeline'),
    value: fc.record(
      {
        budgetMin: fc.integer({ min: 0, max: 100_000 }),
        budgetApproved: fc.boolean(),
        isDecisionMaker: fc.boolean(),
        stakeholders: fc.integer({ min: 0, max: 10 }),
        painPoints: fc.array(fc.constantFrom('manual work', 'no insight').map(sealedLike), { maxLength: 2 }),
        priority: fc.constantFrom('low', 'medium', 'high'),
        monthsToPurchase: fc.integer({ min: 0, max: 24 }),
        evaluationStage: fc.constantFrom('researching', 'evaluating', 'shortlisting', 'deciding', 'purchasing'),
      },
      { requiredKeys: [] },
    ),
    confidence,
  }),
  profile_captured: fc.record(
    {
      companySize: fc.integer({ min: 1, max: 20_000 }),
      annualRevenue: fc.integer({ min: 0, max: 5_000_000_000 }),
      industry: fc.constantFrom('software', 'healthcare', 'retail', 'marketing automation'),
      role: fc.constantFrom('Head of RevOps', 'Marketing Manager').map(sealedLike),
      seniority: fc.constantFrom('student', 'individual', 'manager', 'director', 'vp', 'c_level', 'owner'),
      country: fc.constantFrom('US', 'DE', 'GB', 'BR'),
    },
    { requiredKeys: [] },
  ),
  consent_changed: fc.record({ purpose: fc.constantFrom('contact', 'marketing'), granted: fc.boolean() }),
  lead_identified: fc.record({
    anonymousId: fc.constant('anon-1'),
    leadId: fc.constant('lead-1'),
    company: maybe(fc.constantFrom('Globex', 'ScoreRival').map(sealedLike)),
  }),
};

const attribution = fc.record(
  {
    campaignId: fc.constantFrom('q1-paid-search', 'nurture'),
    linkId: fc.constantFrom('l-1', 'l-2'),
    utmSource: fc.constantFrom('google', 'newsletter'),
    utmMedium: fc.constantFrom('cpc', 'email'),
    utmCampaign: fc.constantFrom('lead-scoring-q1', 'nurture'),
    sessionId: fc.constantFrom('s-1', 's-2'),
  },
  { requiredKeys: [] },
);

/** Any valid activity event within the first 90 days after T0; a few share a timestamp. */
export const activityEventArb: fc.Arbitrary<LeadActivityEvent> = fc
  .tuple(
    fc.uuid({ version: 4 }),
    fc.oneof(fc.integer({ min: 0, max: 90 * DAY_MS }), fc.constantFrom(0, DAY_MS, 2 * DAY_MS)),
    fc.constantFrom('web', 'capsule'),
    maybe(attribution),
    fc.oneof(
      ...(Object.keys(payloads) as ActivityType[]).map((type) => payloads[type].map((payload) => ({ type, payload }))),
    ),
  )
  .map(
    ([eventId, offset, source, context, { type, payload }]) =>
      ({
        eventId,
        occurredAt: T0 + offset,
        receivedAt: T0 + offset,
        source,
        leadId: 'lead-1',
        ...(context && { context }),
        type,
        payload,
      }) as LeadActivityEvent,
  );

/** A journey of distinct events (as the shell hands them over after deduplication). */
export const journeyArb = fc.uniqueArray(activityEventArb, { selector: (e) => e.eventId, maxLength: 40 });

/** A time after every event of the journeys above. */
export const laterArb = fc.integer({ min: 90 * DAY_MS, max: 400 * DAY_MS }).map((offset) => T0 + offset);

/** Equal scores up to floating-point noise (1e-9), identical grades, explanations and signals. */
export function expectSameEvaluation(actual: ScoreEvaluation, expected: ScoreEvaluation): void {
  for (const key of ['fit', 'intent', 'readiness'] as const)
    expect(Math.abs(actual[key] - expected[key])).toBeLessThan(1e-9);
  expect(actual.total).toBe(expected.total);
  expect(actual.grade).toBe(expected.grade);
  expect(actual.signals).toEqual(expected.signals);
  expect(actual.breakdown).toEqual(expected.breakdown);
}

/** A good-fit director who engaged heavily over two days and then went silent. */
export function silentDirectorEvents() {
  const e = journey();
  return [
    e('profile_captured', { companySize: 300, industry: 'saas', seniority: 'director', country: 'DE' }, day(0)),
    e('page_viewed', { url: '/pricing' }, day(0)),
    e('content_consumed', { assetId: 'wp-1', assetType: 'whitepaper', completionPct: 100 }, day(0)),
    e('content_consumed', { assetId: 'web-1', assetType: 'webinar', completionPct: 100 }, day(1)),
    e('content_consumed', { assetId: 'cs-1', assetType: 'case_study', completionPct: 100 }, day(1)),
    e('feature_explored', { feature: 'reporting' }, day(0)),
    e('feature_explored', { feature: 'workflows' }, day(1)),
    e('feature_explored', { feature: 'api' }, day(1)),
    e('question_asked', { text: 'How is decay configured?', topic: 'scoring', specificity: 0.8 }, day(1)),
    e('question_asked', { text: 'Can SLAs differ by grade?', topic: 'sla', specificity: 0.8 }, day(1)),
    e('question_asked', { text: 'Which CRMs do you sync with?', topic: 'integrations', specificity: 0.8 }, day(1)),
    e('session_started', { returning: true }, day(0)),
    e('session_started', { returning: true }, day(1)),
    e('session_started', { returning: true }, day(1)),
    e('qualification_captured', { dimension: 'need', value: { priority: 'high' }, confidence: 0.8 }, day(1)),
  ];
}
