import fc from 'fast-check';
import { day, defaultModel, foldAll, journey, journeyArb, silentDirectorEvents, T0 } from './activityFixtures.spec';
import { DAY_MS } from './decay';
import { evaluateScores } from './evaluateScores';
import type { LeadScoreState } from './leadScoreState';
import { nextGradeCrossing, totalOverTime } from './nextGradeCrossing';

const model = defaultModel();
const TEN_YEARS_MS = 3_653 * DAY_MS;
const gradeAt = (state: LeadScoreState, t: number) => evaluateScores(state, model, t).grade;

/** A share of an interval, to sample a time inside it. */
const shareArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** From 30 days before the journeys' events to three months after the last. */
const fromArb = fc.integer({ min: -30 * DAY_MS, max: 180 * DAY_MS }).map((offset) => T0 + offset);


const silentDirector = () => foldAll(silentDirectorEvents(), model);

/** Random journeys, often mixed with part of the director's, so that many start above F. */
const mixedJourneyArb = fc
  .tuple(fc.subarray(silentDirectorEvents()), journeyArb)
  .map(([director, random]) => [...director, ...random]);

describe('nextGradeCrossing: golden journeys', () => {
  it('good-fit director who engaged heavily two months ago and went silent leaves B, to the millisecond', () => {
    const state = silentDirector();

    const crossing = nextGradeCrossing(state, model, day(1));

    expect(gradeAt(state, day(1))).toBe('B');
    expect(crossing).toEqual({ at: expect.any(Number), grade: 'C' });
    const { at } = crossing!;
    expect(Number.isInteger(at)).toBe(true);
    expect(at).toBeGreaterThan(day(1));
    expect(at).toBeLessThan(day(61));
    expect(gradeAt(state, at - 1)).toBe('B');
    expect(gradeAt(state, at)).toBe('C');
  });

  it('chained from B, the silent director goes B → C → D and then stays at D on fit alone', () => {
    const state = silentDirector();

    const toC = nextGradeCrossing(state, model, day(1));
    const toD = nextGradeCrossing(state, model, toC!.at);
    const after = nextGradeCrossing(state, model, toD!.at);

    expect([toC?.grade, toD?.grade]).toEqual(['C', 'D']);
    expect(toD!.at).toBeGreaterThan(toC!.at);
    expect(toD!.at).toBeLessThanOrEqual(day(61));
    expect(gradeAt(state, toD!.at - 1)).toBe('C');
    expect(after).toBeUndefined();
    expect(gradeAt(state, toD!.at + TEN_YEARS_MS)).toBe('D');
  });

  it('a lead with fit points only never changes grade', () => {
    const e = journey();
    const state = foldAll(
      [e('profile_captured', { companySize: 300, industry: 'saas', seniority: 'vp', country: 'US' }, day(0))],
      model,
    );

    expect(gradeAt(state, day(0))).toBe('D');
    expect(nextGradeCrossing(state, model, day(0))).toBeUndefined();
  });

  it('an F has nowhere lower to go', () => {
    const e = journey();
    const state = foldAll([e('page_viewed', { url: '/blog/what-is-lead-scoring' }, day(0))], model);

    expect(gradeAt(state, day(0))).toBe('F');
    expect(nextGradeCrossing(state, model, day(0))).toBeUndefined();
  });
});

describe('nextGradeCrossing: laws', () => {
  it('the total it bisects equals the total evaluateScores reports, at any time', () => {
    fc.assert(
      fc.property(mixedJourneyArb, fromArb, fromArb, (events, evaluatedAt, t) => {
        const state = foldAll(events, model);

        const totalAt = totalOverTime(state, model, evaluateScores(state, model, evaluatedAt));

        expect(totalAt(t)).toBe(evaluateScores(state, model, t).total);
      }),
    );
  });

  it('a crossing is the first millisecond of another grade; no crossing means the same grade ten years on', () => {
    fc.assert(
      fc.property(mixedJourneyArb, fromArb, fc.array(shareArb, { maxLength: 5 }), (events, from, shares) => {
        const state = foldAll(events, model);
        const before = gradeAt(state, from);

        const crossing = nextGradeCrossing(state, model, from);

        if (crossing === undefined) {
          expect(gradeAt(state, from + TEN_YEARS_MS)).toBe(before);
          return;
        }
        const { at, grade } = crossing;
        expect(Number.isInteger(at)).toBe(true);
        expect(at).toBeGreaterThan(from);
        expect(grade).not.toBe(before);
        expect(gradeAt(state, at)).toBe(grade);
        expect(gradeAt(state, at - 1)).toBe(before);
        const within = at - from - 1; // integer times strictly between `from` and `at`
        for (const share of within > 0 ? shares : []) {
          expect(gradeAt(state, from + 1 + Math.floor(share * within))).toBe(before);
        }
      }),
    );
  });

  it('searched up to a time, it finds the same crossing when it falls by then and none otherwise', () => {
    fc.assert(
      fc.property(mixedJourneyArb, fromArb, fc.integer({ min: 1, max: TEN_YEARS_MS }), (events, from, ahead) => {
        const state = foldAll(events, model);
        const crossing = nextGradeCrossing(state, model, from);
        const evaluation = evaluateScores(state, model, from);

        const bounded = nextGradeCrossing(state, model, from, { before: from + ahead, evaluation });

        expect(bounded).toEqual(crossing !== undefined && crossing.at <= from + ahead ? crossing : undefined);
      }),
    );
  });
});
