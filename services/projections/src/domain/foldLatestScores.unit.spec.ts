import fc from 'fast-check';
import { foldGradeDays, utcDayOf } from './foldGradeDays';
import { foldLatestScores } from './foldLatestScores';
import { DAY_MS, T0, scored, touch } from './projectionFixtures.spec';

describe('foldLatestScores', () => {
  it('keeps the latest scores, the first scoring, the earliest first touch and the latest last touch', () => {
    const paid = touch(-600);
    const organic = touch(-900, { utmSource: 'google', utmMedium: 'organic' });
    const email = touch(30, { campaignId: 'ops-newsletter', utmSource: 'newsletter' });
    const scores = [
      scored('nadia', 0, { grade: 'C', total: 45, context: ctx(paid, paid) }),
      scored('nadia', 30, { grade: 'B', total: 62, eventsApplied: 4, context: ctx(organic, email) }),
      scored('nadia', 10, { grade: 'C', total: 50, eventsApplied: 2 }),
    ];

    const [change] = foldLatestScores(scores);

    expect(change?.latest.eventId).toBe(scores[1]?.eventId);
    expect(change?.firstScoredAt).toBe(scores[0]?.evaluatedAt);
    expect(change?.firstTouch).toEqual({ at: organic.occurredAt, campaign: null, source: 'google', marketingSourced: true });
    expect(change?.lastTouch).toEqual({ at: email.occurredAt, campaign: 'ops-newsletter', source: 'newsletter', marketingSourced: true });
  });

  it('attributes direct traffic to the integration that sent it, not to marketing', () => {
    const direct = touch(0, {});

    const [change] = foldLatestScores([scored('dora', 0, { context: ctx(direct, direct) })]);

    expect(change?.firstTouch).toEqual({ at: direct.occurredAt, campaign: null, source: 'web', marketingSourced: false });
  });

  it('orders a lead\u2019s scores by events applied first, so arrival order does not matter', () => {
    const scores = [
      scored('tia', 0, { eventsApplied: 3, grade: 'B' }),
      scored('tia', 0, { eventsApplied: 5, grade: 'A' }),
      scored('tia', 0, { eventsApplied: 4, grade: 'C' }),
    ];

    fc.assert(
      fc.property(fc.shuffledSubarray(scores, { minLength: scores.length }), (shuffled) => {
        expect(foldLatestScores(shuffled)[0]?.latest.grade).toBe('A');
      }),
    );
  });

  it('takes a late event\u2019s score over a decay crossing dated later: it has more events applied', () => {
    const scores = [
      scored('lea', 0, { eventsApplied: 6, grade: 'B', cause: 'event' }),
      scored('lea', 7 * 24 * 60, { eventsApplied: 6, grade: 'C', cause: 'decay' }),
      scored('lea', 3 * 24 * 60, { eventsApplied: 7, grade: 'A', cause: 'event' }),
    ];

    fc.assert(
      fc.property(fc.shuffledSubarray(scores, { minLength: scores.length }), (shuffled) => {
        expect(foldLatestScores(shuffled)[0]?.latest.grade).toBe('A');
      }),
    );
  });
});

describe('foldGradeDays', () => {
  it('keeps each lead\u2019s latest grade per UTC day', () => {
    const scores = [
      scored('vera', 60, { grade: 'C' }),
      scored('vera', 600, { grade: 'B' }),
      scored('vera', 24 * 60 + 5, { grade: 'A' }),
      scored('marco', 30, { grade: 'D' }),
    ];

    const days = foldGradeDays(scores).map((d) => [d.leadId, d.day, d.grade]);

    expect(days).toEqual([
      ['vera', utcDayOf(T0), 'B'],
      ['vera', utcDayOf(T0 + DAY_MS), 'A'],
      ['marco', utcDayOf(T0), 'D'],
    ]);
  });

  it('counts days in UTC from 1970-01-01', () => {
    expect(utcDayOf(0)).toBe(0);
    expect(utcDayOf(DAY_MS - 1)).toBe(0);
    expect(utcDayOf(Date.UTC(2026, 2, 2, 23, 59))).toBe(Date.UTC(2026, 2, 2) / DAY_MS);
  });
});

function ctx(firstTouch: ReturnType<typeof touch>, lastTouch: ReturnType<typeof touch>) {
  return { profile: {}, topFeatures: [], recentAssets: [], questions: [], bant: [], firstTouch, lastTouch };
}
