import fc from 'fast-check';
import { day, defaultModel, foldAll, HOUR_MS, journey, journeyArb, laterArb, silentDirectorEvents } from './activityFixtures.spec';
import { DAY_MS } from './decay';
import { evaluateScores } from './evaluateScores';

const model = defaultModel();
const grades = ['F', 'D', 'C', 'B', 'A'];

describe('evaluateScores: golden journeys', () => {
  it('VP at a 500-person software company in a served country who reads pricing and a whitepaper, explores two features and the ROI calculator, shares with two colleagues, asks specific questions and confirms budget, authority, need and a 3-month timeline is an A', () => {
    const e = journey();
    const events = [
      e('profile_captured', { companySize: 500, industry: 'Software', seniority: 'vp', country: 'US' }, day(0)),
      e('page_viewed', { url: 'https://leadflow.example/pricing' }, day(0)),
      e('content_consumed', { assetId: 'wp-scoring', assetType: 'whitepaper', completionPct: 100 }, day(0)),
      e('content_consumed', { assetId: 'demo-tour', assetType: 'demo', completionPct: 100 }, day(0)),
      e('session_started', { returning: true }, day(1)),
      e('feature_explored', { feature: 'reporting' }, day(1)),
      e('feature_explored', { feature: 'api' }, day(1)),
      e('tool_used', { tool: 'roi_calculator', completed: true }, day(1)),
      e('content_shared', { assetId: 'wp-scoring', channel: 'email', recipients: 2 }, day(1)),
      e('question_asked', { text: 'Can routing follow our territories?', topic: 'routing', specificity: 0.9 }, day(2)),
      e(
        'question_asked',
        { text: 'Is there an SSO integration with Okta?', topic: 'security', specificity: 0.8 },
        day(2),
      ),
      e('qualification_captured', { dimension: 'budget', value: { budgetApproved: true }, confidence: 1 }, day(2)),
      e('qualification_captured', { dimension: 'authority', value: { isDecisionMaker: true }, confidence: 1 }, day(2)),
      e('qualification_captured', { dimension: 'need', value: { priority: 'high' }, confidence: 0.9 }, day(2)),
      e('qualification_captured', { dimension: 'timeline', value: { monthsToPurchase: 3 }, confidence: 1 }, day(2)),
    ];

    const scores = evaluateScores(foldAll(events, model), model, day(2) + HOUR_MS);

    expect(scores.fit).toBe(65);
    expect(scores.grade).toBe('A');
    expect(scores.total).toBeGreaterThanOrEqual(80);
    expect(scores.signals.bantEstablished).toEqual(['budget', 'authority', 'need', 'timeline']);
    expect(scores.signals.disqualifiedBy).toBeUndefined();
  });

  it('student reading one blog post is an F, disqualified by seniority', () => {
    const e = journey();
    const events = [
      e('profile_captured', { seniority: 'student', industry: 'software', country: 'US' }, day(0)),
      e('page_viewed', { url: '/blog/what-is-lead-scoring' }, day(0)),
    ];

    const scores = evaluateScores(foldAll(events, model), model, day(0) + HOUR_MS);

    expect(scores).toMatchObject({ total: 0, grade: 'F' });
    expect(scores.signals.disqualifiedBy).toBe('seniority student');
  });

  it('good-fit director who engaged heavily two months ago and went silent decays from B to D', () => {
    const events = silentDirectorEvents();
    const state = foldAll(events, model);

    const engaged = evaluateScores(state, model, day(2));
    const silent = evaluateScores(state, model, day(61));

    expect(engaged.grade).toBe('B');
    expect(silent.grade).toBe('D');
    expect(silent.fit).toBe(engaged.fit);
    expect(silent.intent).toBeLessThan(engaged.intent / 10);
  });

  it('mid-fit manager who reads a whitepaper and the pricing page, returns twice, and answers need and a budget range is a C', () => {
    const e = journey();
    const events = [
      e('profile_captured', { companySize: 120, industry: 'healthcare', seniority: 'manager', country: 'GB' }, day(0)),
      e('content_consumed', { assetId: 'wp-1', assetType: 'whitepaper', completionPct: 100 }, day(0)),
      e('page_viewed', { url: '/pricing' }, day(1)),
      e('session_started', { returning: true }, day(1)),
      e('session_started', { returning: true }, day(2)),
      e('qualification_captured', { dimension: 'need', value: { priority: 'high' }, confidence: 0.9 }, day(2)),
      e(
        'qualification_captured',
        { dimension: 'budget', value: { budgetMin: 20_000, budgetMax: 40_000 }, confidence: 0.8 },
        day(2),
      ),
    ];

    const scores = evaluateScores(foldAll(events, model), model, day(2) + HOUR_MS);

    expect(scores.fit).toBe(45);
    expect(scores.grade).toBe('C');
    expect(scores.signals.bantEstablished).toEqual(['need']);
  });

  it('VP outside the served countries is disqualified whatever the engagement', () => {
    const e = journey();
    const events = [
      e('profile_captured', { companySize: 800, industry: 'software', seniority: 'vp', country: 'BR' }, day(0)),
      e('demo_requested', {}, day(0)),
    ];

    const scores = evaluateScores(foldAll(events, model), model, day(0));

    expect(scores).toMatchObject({
      total: 0,
      grade: 'F',
      signals: { disqualifiedBy: 'country BR not served', demoRequested: true },
    });
  });

  it('a later profile lifts an earlier disqualification, whatever the arrival order', () => {
    const e = journey();
    const student = e('profile_captured', { seniority: 'student' }, day(0));
    const graduate = e('profile_captured', { seniority: 'manager' }, day(30));

    for (const events of [
      [student, graduate],
      [graduate, student],
    ]) {
      expect(evaluateScores(foldAll(events, model), model, day(30)).signals.disqualifiedBy).toBeUndefined();
    }
  });

  it('a lead identified at a competitor is disqualified', () => {
    const e = journey();
    const events = [e('lead_identified', { anonymousId: 'anon-1', leadId: 'lead-1', company: 'scorerival' }, day(0))];

    expect(evaluateScores(foldAll(events, model), model, day(0)).signals.disqualifiedBy).toBe(
      'competitor company ScoreRival',
    );
  });

  it('unsubscribing costs intent points; withdrawing contact consent is reported as a signal', () => {
    const e = journey();
    const engaged = [
      e('feature_explored', { feature: 'api' }, day(0)),
      e('tool_used', { tool: 'configurator', completed: true }, day(0)),
      e('page_viewed', { url: '/pricing' }, day(0)),
    ];
    const before = evaluateScores(foldAll(engaged, model), model, day(0));

    const after = evaluateScores(
      foldAll(
        [
          ...engaged,
          e('unsubscribed', {}, day(0)),
          e('consent_changed', { purpose: 'contact', granted: false }, day(0)),
        ],
        model,
      ),
      model,
      day(0),
    );

    expect(after.intent).toBeCloseTo(Math.max(0, before.intent - model.negativeSignals.unsubscribedIntentPenalty), 9);
    expect(after.signals).toMatchObject({ unsubscribed: true, contactConsent: 'withdrawn' });
    expect(before.signals.contactConsent).toBe('unknown');
  });

  it('explains the points: top contributors per dimension, strongest first, decayed to now', () => {
    const e = journey();
    const pricing = e('page_viewed', { url: '/pricing' }, day(0));
    const events = [
      e('email_engaged', { action: 'open', campaignId: 'spring' }, day(0)),
      pricing,
      e('content_consumed', { assetId: 'wp-1', assetType: 'whitepaper', completionPct: 50 }, day(14)),
      e('link_opened', { linkId: 'l-1' }, day(14)),
    ];

    const content = evaluateScores(foldAll(events, model), model, day(14)).breakdown.find(
      (b) => b.dimension === 'contentEngagement',
    );

    expect(content?.topContributors).toEqual([
      { eventId: pricing.eventId, type: 'page_viewed', occurredAt: day(0), points: 4 },
      { eventId: events[2]?.eventId, type: 'content_consumed', occurredAt: day(14), points: 2.5 },
      { eventId: events[3]?.eventId, type: 'link_opened', occurredAt: day(14), points: 1 },
    ]);
    expect(content?.points).toBe(7.75);
  });
});

describe('evaluateScores: laws', () => {
  it('scores never rise with time alone', () => {
    fc.assert(
      fc.property(journeyArb, laterArb, fc.integer({ min: 0, max: 365 * DAY_MS }), (events, now, delta) => {
        const state = foldAll(events, model);
        const earlier = evaluateScores(state, model, now);
        const later = evaluateScores(state, model, now + delta);

        expect(later.fit).toBe(earlier.fit);
        expect(later.intent).toBeLessThanOrEqual(earlier.intent);
        expect(later.readiness).toBeLessThanOrEqual(earlier.readiness);
        expect(later.total).toBeLessThanOrEqual(earlier.total);
        expect(grades.indexOf(later.grade)).toBeLessThanOrEqual(grades.indexOf(earlier.grade));
      }),
    );
  });

  it('no dimension exceeds its cap and the total stays an integer within 0..100', () => {
    fc.assert(
      fc.property(journeyArb, laterArb, (events, now) => {
        const scores = evaluateScores(foldAll(events, model), model, now);

        for (const d of scores.breakdown) expect(d.points).toBeLessThanOrEqual(d.cap);
        expect(scores.fit).toBeLessThanOrEqual(65);
        expect(scores.intent).toBeLessThanOrEqual(80);
        expect(scores.readiness).toBeLessThanOrEqual(70);
        expect(Number.isInteger(scores.total)).toBe(true);
        expect(scores.total).toBeGreaterThanOrEqual(0);
        expect(scores.total).toBeLessThanOrEqual(100);
      }),
    );
  });
});
