import type { LeadActivityEvent } from '@leadflow/schemas';
import fc from 'fast-check';
import {
  day,
  defaultModel,
  expectSameEvaluation,
  foldAll,
  journey,
  journeyArb,
  laterArb,
} from './activityFixtures.spec';
import { evaluateScores } from './evaluateScores';
import { initialLeadScoreState } from './leadScoreState';
import { mergeLeadScoreStates } from './mergeLeadScoreStates';
import { mostExploredFeature } from './mostExploredFeature';

const model = defaultModel();

/** A journey split into what happened before identification (anonymous) and after (known lead). */
const splitJourneyArb = journeyArb.chain((events) =>
  fc.array(fc.boolean(), { minLength: events.length, maxLength: events.length }).map((anonymous) => ({
    all: events,
    anonymous: events.filter((_, i) => anonymous[i]),
    known: events.filter((_, i) => !anonymous[i]),
  })),
);

describe('mergeLeadScoreStates', () => {
  it('merging the anonymous state into the lead state equals folding the union of both', () => {
    fc.assert(
      fc.property(splitJourneyArb, laterArb, ({ all, anonymous, known }, now) => {
        const merged = mergeLeadScoreStates(foldAll(known, model), foldAll(anonymous, model), model);

        expectSameEvaluation(evaluateScores(merged, model, now), evaluateScores(foldAll(all, model), model, now));
        expect(merged.eventsApplied).toBe(all.length);
        expect(merged.features).toEqual(foldAll(all, model).features);
      }),
    );
  });

  it('is symmetric and has the initial state as identity', () => {
    fc.assert(
      fc.property(journeyArb, journeyArb, laterArb, (a, b, now) => {
        const [sa, sb] = [foldAll(a, model), foldAll(b, model)];

        expectSameEvaluation(
          evaluateScores(mergeLeadScoreStates(sa, sb, model), model, now),
          evaluateScores(mergeLeadScoreStates(sb, sa, model), model, now),
        );
        expect(mergeLeadScoreStates(sa, initialLeadScoreState(), model)).toEqual(sa);
      }),
    );
  });

  it('keeps the anonymous visitor’s exploration for routing', () => {
    const e = journey();
    const anonymous: LeadActivityEvent[] = [
      e('feature_explored', { feature: 'api' }, day(0)),
      e('feature_explored', { feature: 'api' }, day(1)),
    ];
    const known: LeadActivityEvent[] = [e('feature_explored', { feature: 'sso' }, day(2))];

    expect(mostExploredFeature(mergeLeadScoreStates(foldAll(known, model), foldAll(anonymous, model), model))).toBe(
      'api',
    );
  });
});
