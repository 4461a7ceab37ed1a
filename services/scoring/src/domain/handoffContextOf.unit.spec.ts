import { handoffContext, type BantDimension, type EventContext, type LeadActivityEvent } from '@leadflow/schemas';
import fc from 'fast-check';
import { day, defaultModel, foldAll, journey, sealedLike } from './activityFixtures.spec';
import { foldActivity } from './foldActivity';
import { handoffContextOf } from './handoffContextOf';
import type { LeadScoreState } from './leadScoreState';

type Answer = Extract<LeadActivityEvent, { type: 'qualification_captured' }>['payload']['value'];

const model = defaultModel();
const MINUTE_MS = 60_000;

const paidSearch: EventContext = {
  campaignId: 'q1-paid-search',
  utmSource: 'google',
  utmMedium: 'cpc',
  utmCampaign: 'lead-scoring-q1',
  sessionId: 'visit-1',
};
const newsletter: EventContext = {
  utmSource: 'newsletter',
  utmMedium: 'email',
  utmCampaign: 'nurture-feb',
  sessionId: 'visit-2',
};
const retargeting: EventContext = {
  campaignId: 'demo-retargeting',
  utmSource: 'linkedin',
  utmMedium: 'paid-social',
  utmCampaign: 'demo-push',
};

describe('handoffContextOf: golden journey', () => {
  it('Nadia browses in two anonymous visits, from a paid search ad and then a newsletter, identifies as a director at a 1,200-person SaaS company and asks for a demo: sales hears all of it', () => {
    const e = journey('lead-nadia');
    const paid = { anonymousId: 'anon-nadia', context: paidSearch };
    const fromNewsletter = { anonymousId: 'anon-nadia', context: newsletter };
    const capsule = { source: 'capsule' };
    const at = (d: number, minutes: number) => day(d) + minutes * MINUTE_MS;
    const pricingSheet = { assetId: 'pricing-2025', assetType: 'pricing' } as const;
    const firstVisit = [
      e('session_started', { returning: false }, at(0, 0), paid),
      e('page_viewed', { url: '/pricing', durationSec: 120 }, at(0, 1), paid),
      e('content_consumed', { ...pricingSheet, completionPct: 100 }, at(0, 2), paid),
      e('feature_explored', { feature: 'routing', durationSec: 240 }, at(0, 3), paid),
      e('question_asked', { text: sealedLike('Can routing skip reps on vacation?'), topic: 'routing', specificity: 0.85 }, at(0, 4), paid),
    ];
    const secondVisit = [
      e('email_engaged', { action: 'click', campaignId: 'nurture-feb' }, at(3, 0), fromNewsletter),
      e('session_started', { returning: true }, at(3, 1), fromNewsletter),
      e('content_consumed', { assetId: 'routing-demo', assetType: 'demo', completionPct: 80 }, at(3, 2), fromNewsletter),
      e('content_consumed', { assetId: 'scoring-guide', assetType: 'whitepaper' }, at(3, 3), fromNewsletter),
      e('content_consumed', { ...pricingSheet, completionPct: 50 }, at(3, 4), fromNewsletter),
      e('feature_explored', { feature: 'routing' }, at(3, 5), fromNewsletter),
      e('feature_explored', { feature: 'sla-timers' }, at(3, 6), fromNewsletter),
    ];
    const profile = {
      companySize: 1200,
      industry: 'saas',
      role: sealedLike('Director of Sales Ops'),
      seniority: 'director' as const,
      country: 'US',
    };
    const need = { painPoints: [sealedLike('manual routing')], priority: 'medium' as const };
    const budget = { budgetMin: 30_000, budgetMax: 50_000 };
    const handoffQuestion = { text: sealedLike('Does the SQL event carry our BANT answers?'), topic: 'handoff', specificity: 0.9 };
    const identified = [
      e('lead_identified', { anonymousId: 'anon-nadia', leadId: 'lead-nadia', company: sealedLike('Example SaaS') }, at(5, 0)),
      e('profile_captured', profile, at(5, 1), capsule),
      e('qualification_captured', { dimension: 'need', value: need, confidence: 0.7 }, at(5, 2), capsule),
      e('qualification_captured', { dimension: 'budget', value: budget, confidence: 0.6 }, at(6, 0), capsule),
      e('question_asked', handoffQuestion, at(6, 1), capsule),
      e('demo_requested', {}, at(7, 0), { context: retargeting }),
    ];
    // As stitching delivers them: the identification first, then the held visits, released in any order.
    const arrival = [...identified.slice(0, 2), ...secondVisit, ...firstVisit, ...identified.slice(2)];

    const context = handoffContextOf(foldAll(arrival, model));

    expect(context).toEqual({
      profile,
      topFeatures: [
        { feature: 'routing', explorations: 2 },
        { feature: 'sla-timers', explorations: 1 },
      ],
      recentAssets: [
        { ...pricingSheet, occurredAt: at(3, 4) },
        { assetId: 'routing-demo', assetType: 'demo', occurredAt: at(3, 2) },
      ],
      questions: [
        { ...handoffQuestion, occurredAt: at(6, 1) },
        { text: sealedLike('Can routing skip reps on vacation?'), topic: 'routing', specificity: 0.85, occurredAt: at(0, 4) },
      ],
      bant: [
        { dimension: 'budget', answer: budget, confidence: 0.6, occurredAt: at(6, 0) },
        { dimension: 'need', answer: need, confidence: 0.7, occurredAt: at(5, 2) },
      ],
      firstTouch: {
        eventId: firstVisit[0]?.eventId,
        type: 'session_started',
        occurredAt: at(0, 0),
        source: 'web',
        campaignId: 'q1-paid-search',
        utmSource: 'google',
        utmMedium: 'cpc',
        utmCampaign: 'lead-scoring-q1',
      },
      lastTouch: {
        eventId: identified[5]?.eventId,
        type: 'demo_requested',
        occurredAt: at(7, 0),
        source: 'web',
        campaignId: 'demo-retargeting',
        utmSource: 'linkedin',
        utmMedium: 'paid-social',
        utmCampaign: 'demo-push',
      },
    });
    expect(handoffContext.parse(context)).toEqual(context);
  });

  it('a lead with no activity yet has an empty context and no touches', () => {
    expect(handoffContextOf(foldAll([], model))).toEqual({
      profile: {},
      topFeatures: [],
      recentAssets: [],
      questions: [],
      bant: [],
    });
  });
});

describe('handoffContextOf: what it keeps', () => {
  it('keeps the most recent questions up to the model bound, whatever the arrival order', () => {
    const e = journey();
    const asked = [0, 1, 2, 3, 4, 5, 6, 7].map((d) =>
      e('question_asked', { text: `Question of day ${d}`, topic: 'product', specificity: 0.5 }, day(d)),
    );
    const arrival = [3, 7, 0, 5, 1, 6, 2, 4].flatMap((d) => asked.slice(d, d + 1));
    const twoQuestions = { ...model, handoffContext: { ...model.handoffContext, maxQuestions: 2 } };

    const byDefault = handoffContextOf(foldAll(arrival, model)).questions.map((q) => q.text);
    const bounded = handoffContextOf(foldAll(arrival, twoQuestions)).questions.map((q) => q.text);

    expect(model.handoffContext.maxQuestions).toBe(5);
    expect(byDefault).toEqual([7, 6, 5, 4, 3].map((d) => `Question of day ${d}`));
    expect(bounded).toEqual(['Question of day 7', 'Question of day 6']);
  });

  it('keeps the latest BANT answer per dimension, ties by event id, whatever the arrival order', () => {
    const e = journey();
    const answered = (dimension: BantDimension, answer: Answer, confidence: number, at: number) =>
      e('qualification_captured', { dimension, value: answer, confidence }, at);
    const events = [
      answered('timeline', { monthsToPurchase: 6 }, 0.5, day(0)),
      answered('budget', { budgetMin: 10_000 }, 0.5, day(1)),
      answered('authority', { isDecisionMaker: false, stakeholders: 3 }, 0.8, day(2)),
      answered('need', { priority: 'low' }, 0.6, day(3)),
      answered('need', { priority: 'high' }, 0.9, day(3)),
      answered('budget', { budgetApproved: true }, 1, day(4)),
    ];

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (arrival) => {
        expect(handoffContextOf(foldAll(arrival, model)).bant).toEqual([
          { dimension: 'budget', answer: { budgetApproved: true }, confidence: 1, occurredAt: day(4) },
          { dimension: 'authority', answer: { isDecisionMaker: false, stakeholders: 3 }, confidence: 0.8, occurredAt: day(2) },
          { dimension: 'need', answer: { priority: 'high' }, confidence: 0.9, occurredAt: day(3) },
          { dimension: 'timeline', answer: { monthsToPurchase: 6 }, confidence: 0.5, occurredAt: day(0) },
        ]);
      }),
    );
  });

  it('takes each profile field from the latest profile that states it', () => {
    const e = journey();
    const events = [
      e('profile_captured', { companySize: 40, industry: 'retail', country: 'GB', seniority: 'manager' }, day(0)),
      e('profile_captured', { industry: 'software' }, day(1)),
      e('profile_captured', { companySize: 250, role: 'Head of RevOps' }, day(2)),
      e('profile_captured', { seniority: 'director', annualRevenue: 30_000_000 }, day(2)),
    ];

    const context = handoffContextOf(foldAll([...events].reverse(), model));

    expect(context.profile).toEqual({
      companySize: 250,
      annualRevenue: 30_000_000,
      industry: 'software',
      role: 'Head of RevOps',
      seniority: 'director',
      country: 'GB',
    });
  });

  it('keeps distinct high-value assets by their latest consumption, up to the model bound', () => {
    const e = journey();
    const events = [
      e('content_consumed', { assetId: 'pricing', assetType: 'pricing' }, day(0)),
      e('content_consumed', { assetId: 'guide', assetType: 'whitepaper' }, day(1)),
      ...[1, 2, 3, 4, 5].map((n) => e('content_consumed', { assetId: `demo-${n}`, assetType: 'demo' }, day(n))),
      e('content_consumed', { assetId: 'pricing', assetType: 'pricing' }, day(6)),
    ];

    const assets = handoffContextOf(foldAll(events, model)).recentAssets.map((a) => [a.assetId, a.occurredAt]);

    expect(assets).toEqual([
      ['pricing', day(6)],
      ['demo-5', day(5)],
      ['demo-4', day(4)],
      ['demo-3', day(3)],
      ['demo-2', day(2)],
    ]);
  });

  it('attributes a touch to the campaign or link its payload names, unless its context names another', () => {
    const e = journey();
    const click = e('email_engaged', { action: 'click', campaignId: 'nurture-feb' }, day(0));
    const context = { campaignId: 'spring', linkId: 'ctx-link' };
    const link = e('link_opened', { linkId: 'capsule-link-7' }, day(1), { context });

    const { firstTouch, lastTouch } = handoffContextOf(foldAll([link, click], model));

    expect(firstTouch).toEqual({
      eventId: click.eventId,
      type: 'email_engaged',
      occurredAt: day(0),
      source: 'web',
      campaignId: 'nurture-feb',
    });
    expect(lastTouch).toEqual({
      eventId: link.eventId,
      type: 'link_opened',
      occurredAt: day(1),
      source: 'web',
      campaignId: 'spring',
      linkId: 'ctx-link',
    });
  });

  it('goes on from a state stored before the hand-off facts were kept', () => {
    const e = journey();
    const need = e('qualification_captured', { dimension: 'need', value: { priority: 'high' }, confidence: 1 }, day(0));
    const question = e('question_asked', { text: 'Is there an API?', topic: 'api', specificity: 0.6 }, day(1));
    // As such a state was stored: no hand-off facts, and readiness kept only the points of an answer.
    const dropped = new Set(['handoff', 'answer', 'confidence']);
    const stored = JSON.parse(JSON.stringify(foldAll([need], model)), (key: string, value: unknown) =>
      dropped.has(key) ? undefined : value,
    ) as LeadScoreState;

    const context = handoffContextOf(foldActivity(stored, question, model));

    expect(handoffContextOf(stored).questions).toEqual([]);
    expect(context.questions).toEqual([{ text: 'Is there an API?', topic: 'api', specificity: 0.6, occurredAt: day(1) }]);
    expect(context.bant).toEqual([]);
  });
});
