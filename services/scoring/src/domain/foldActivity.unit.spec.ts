import { topics, type LeadActivityEvent } from '@leadflow/schemas';
import fc from 'fast-check';
import {
  activityEventArb,
  day,
  defaultModel,
  expectSameEvaluation,
  foldAll,
  journey,
  journeyArb,
  laterArb,
} from './activityFixtures.spec';
import { evaluateScores } from './evaluateScores';
import { foldActivity } from './foldActivity';
import { initialLeadScoreState } from './leadScoreState';
import { mostExploredFeature } from './mostExploredFeature';

const model = defaultModel();

const permutedJourneyArb = journeyArb.chain((events) =>
  fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })),
);

const dedupe = (events: readonly LeadActivityEvent[]): LeadActivityEvent[] => [
  ...new Map(events.map((e) => [e.eventId, e] as const)).values(),
];

const schemaOf = (event: LeadActivityEvent) =>
  [topics.engagement, topics.conversation, topics.identity].find((topic) => event.type in topic.payloads)?.schema;

describe('foldActivity', () => {
  it('generates only events the contracts accept', () => {
    fc.assert(
      fc.property(activityEventArb, (event) => {
        expect(schemaOf(event)?.safeParse(event).success).toBe(true);
      }),
    );
  });

  it('any permutation of the events gives the same scores at the same time', () => {
    fc.assert(
      fc.property(permutedJourneyArb, laterArb, ([events, shuffled], now) => {
        expectSameEvaluation(
          evaluateScores(foldAll(shuffled, model), model, now),
          evaluateScores(foldAll(events, model), model, now),
        );
      }),
    );
  });

  it('redelivered events, deduplicated by id, give the same scores', () => {
    const redeliveredArb = journeyArb.chain((events) =>
      fc.tuple(fc.constant(events), fc.shuffledSubarray([...events, ...events], { minLength: events.length })),
    );
    fc.assert(
      fc.property(redeliveredArb, laterArb, ([events, redelivered], now) => {
        const received = dedupe([...redelivered, ...events]);

        expectSameEvaluation(
          evaluateScores(foldAll(received, model), model, now),
          evaluateScores(foldAll(events, model), model, now),
        );
      }),
    );
  });

  it('scores the same when evaluated before every event of the journey has happened', () => {
    fc.assert(
      fc.property(permutedJourneyArb, fc.integer({ min: 0, max: 90 }), ([events, shuffled], at) => {
        expectSameEvaluation(
          evaluateScores(foldAll(shuffled, model), model, day(at)),
          evaluateScores(foldAll(events, model), model, day(at)),
        );
      }),
    );
  });

  it('keeps a state that survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(journeyArb, journeyArb, laterArb, (stored, next, now) => {
        const state = foldAll(stored, model);
        const reloaded = JSON.parse(JSON.stringify(state)) as typeof state;

        expect(reloaded).toEqual(state);
        expectSameEvaluation(
          evaluateScores(foldAll(next, model, reloaded), model, now),
          evaluateScores(foldAll(next, model, state), model, now),
        );
      }),
    );
  });

  it('counts every event applied, identification included', () => {
    const e = journey();
    const identified = e(
      'lead_identified',
      { anonymousId: 'anon-7', leadId: 'lead-1', email: 'ana@example.com' },
      day(0),
    );

    const state = foldActivity(initialLeadScoreState(), identified, model);

    expect(state).toEqual({ ...initialLeadScoreState(), eventsApplied: 1 });
  });

  it('gives the distinct-feature bonus once per feature and remembers the most explored one', () => {
    const e = journey();
    const once = foldAll([e('feature_explored', { feature: 'api' }, day(0))], model);
    const twice = foldAll(
      [
        e('feature_explored', { feature: 'sso' }, day(0)),
        e('feature_explored', { feature: 'api' }, day(0)),
        e('feature_explored', { feature: 'api' }, day(0)),
      ],
      model,
    );

    expect(evaluateScores(once, model, day(0)).breakdown.find((b) => b.dimension === 'featureInterest')?.points).toBe(
      8,
    );
    expect(evaluateScores(twice, model, day(0)).breakdown.find((b) => b.dimension === 'featureInterest')?.points).toBe(
      20,
    );
    expect(mostExploredFeature(twice)).toBe('api');
    expect(mostExploredFeature(initialLeadScoreState())).toBeUndefined();
  });
});
