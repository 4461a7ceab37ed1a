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
import { handoffContextOf } from './handoffContextOf';
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

  it('any permutation of the events gives the same scores at the same time and the same hand-off context', () => {
    fc.assert(
      fc.property(permutedJourneyArb, laterArb, ([events, shuffled], now) => {
        const inOrder = foldAll(events, model);
        const reordered = foldAll(shuffled, model);

        expectSameEvaluation(evaluateScores(reordered, model, now), evaluateScores(inOrder, model, now));
        expect(handoffContextOf(reordered)).toEqual(handoffContextOf(inOrder));
      }),
    );
  });

  it('redelivered events, deduplicated by id, give the same scores and hand-off context', () => {
    const redeliveredArb = journeyArb.chain((events) =>
      fc.tuple(fc.constant(events), fc.shuffledSubarray([...events, ...events], { minLength: events.length })),
    );
    fc.assert(
      fc.property(redeliveredArb, laterArb, ([events, redelivered], now) => {
        const received = foldAll(dedupe([...redelivered, ...events]), model);
        const sent = foldAll(events, model);

        expectSameEvaluation(evaluateScores(received, model, now), evaluateScores(sent, model, now));
        expect(handoffContextOf(received)).toEqual(handoffContextOf(sent));
      }),
    );
  });

  it('keeps the same hand-off context, exploration counts aside, even from duplicates not removed', () => {
    const duplicatedArb = journeyArb.chain((events) =>
      fc.tuple(fc.constant(events), fc.shuffledSubarray([...events, ...events], { minLength: events.length })),
    );
    const withoutCounts = ({ topFeatures: _, ...context }: ReturnType<typeof handoffContextOf>) => context;
    fc.assert(
      fc.property(duplicatedArb, ([events, duplicated]) => {
        const received = foldAll([...duplicated, ...events], model);

        expect(withoutCounts(handoffContextOf(received))).toEqual(withoutCounts(handoffContextOf(foldAll(events, model))));
      }),
    );
  });

  it('keeps the hand-off context within the model bounds, lists most recent first', () => {
    const { maxQuestions, maxAssets, maxFeatures } = model.handoffContext;
    fc.assert(
      fc.property(journeyArb, (events) => {
        const context = handoffContextOf(foldAll(events, model));

        expect(context.questions.length).toBeLessThanOrEqual(maxQuestions);
        expect(context.recentAssets.length).toBeLessThanOrEqual(maxAssets);
        expect(context.topFeatures.length).toBeLessThanOrEqual(maxFeatures);
        expect(new Set(context.recentAssets.map((a) => a.assetId)).size).toBe(context.recentAssets.length);
        for (const list of [context.questions, context.recentAssets]) {
          const times = list.map((x) => x.occurredAt);
          expect(times).toEqual([...times].sort((a, b) => b - a));
        }
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
        expect(handoffContextOf(foldAll(next, model, reloaded))).toEqual(handoffContextOf(foldAll(next, model, state)));
      }),
    );
  });

  it('counts every event applied, identification included, which scores nothing but is a touch', () => {
    const e = journey();
    const identified = e(
      'lead_identified',
      { anonymousId: 'anon-7', leadId: 'lead-1', email: 'ana@example.com' },
      day(0),
    );

    const state = foldActivity(initialLeadScoreState(), identified, model);

    const touch = { eventId: identified.eventId, type: 'lead_identified', occurredAt: day(0), source: 'web' };
    const initial = initialLeadScoreState();
    expect(state).toEqual({
      ...initial,
      handoff: { ...initial.handoff, firstTouch: touch, lastTouch: touch },
      eventsApplied: 1,
    });
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
