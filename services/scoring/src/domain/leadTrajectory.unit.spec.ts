import fc from 'fast-check';
import { day, defaultModel, foldAll, journey, journeyArb, silentDirectorEvents } from './activityFixtures.spec';
import { DAY_MS } from './decay';
import { evaluateScores } from './evaluateScores';
import { byEventTime, emptyLeadHistory, withEvents } from './leadHistory';
import { initialLeadScoreState } from './leadScoreState';
import { applyToTrajectory, type ScoredLead } from './leadTrajectory';

const model = defaultModel();
const newLead = (): ScoredLead => ({ state: initialLeadScoreState(), streamTime: 0, history: emptyLeadHistory() });

describe('a lead score trajectory', () => {
  it('gives, for events in event-time order, the fold of the events up to each event time, evaluated then', () => {
    // Given a director's two busy days, applied in event-time order
    const events = silentDirectorEvents().sort(byEventTime);

    // When they are applied in one batch
    const { points, state, streamTime } = applyToTrajectory(newLead(), events, model);

    // Then each instant has one point counting the events up to it, and the last one is the whole fold
    const atEvents = points.filter((p) => p.cause === 'event');
    expect(atEvents.map((p) => [p.at, p.state.eventsApplied])).toEqual([
      [day(0), events.filter((e) => e.occurredAt === day(0)).length],
      [day(1), events.length],
    ]);
    expect(streamTime).toBe(day(1));
    expect(evaluateScores(state, model, day(1))).toEqual(evaluateScores(foldAll(events, model), model, day(1)));
  });

  it('re-evaluates every later event time when an event arrives late, and nothing before it', () => {
    // Given a lead scored on day 0 and day 10
    const e = journey();
    const early = e('page_viewed', { url: '/pricing' }, day(0));
    const late = e('question_asked', { text: 'What does a seat cost?', topic: 'pricing', specificity: 0.9 }, day(5));
    const last = e('demo_requested', {}, day(10));
    const scored = applyToTrajectory(newLead(), [early, last], model);

    // When an event of day 5 arrives
    const { points } = applyToTrajectory(scored, [late], model);

    // Then days 5 and 10 are evaluated again, day 10 now counting all three events
    expect(points.filter((p) => p.cause === 'event').map((p) => [p.at, p.state.eventsApplied, p.eventIds])).toEqual([
      [day(5), 2, [late.eventId]],
      [day(10), 3, [last.eventId]],
    ]);
    expect(points.every((p) => p.at > day(0))).toBe(true);
  });

  it('has a point at each grade crossing between two event times, from the state of the earlier one', () => {
    // Given a busy director who comes back once, five months later
    const events = silentDirectorEvents();
    const comeback = journey('lead-1')('page_viewed', { url: '/docs/api' }, day(150));

    // When both are applied
    const { points } = applyToTrajectory(newLead(), [...events, { ...comeback, eventId: 'ffffffff-0000-4000-8000-000000000001' }], model);

    // Then the grades fall in between, step by step, each crossing counting the events before it
    const crossings = points.filter((p) => p.cause === 'decay' && p.at > day(1));
    expect(crossings.length).toBeGreaterThan(0);
    for (const c of crossings) {
      expect(c.at).toBeLessThan(day(150));
      expect(c.state.eventsApplied).toBe(events.length);
    }
    const grades = crossings.map((c) => evaluateScores(c.state, model, c.at).grade);
    expect(new Set(grades).size).toBe(grades.length);
  });

  it('ends in the fold of all the events, whatever batches they arrive in', () => {
    fc.assert(
      fc.property(journeyArb, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (events, cuts) => {
        let lead = newLead();
        let at = 0;
        for (const cut of [...cuts, events.length]) {
          const batch = events.slice(at, at + (cut % 8) + 1);
          if (batch.length > 0) lead = applyToTrajectory(lead, batch, model);
          at += batch.length;
        }
        if (at < events.length) lead = applyToTrajectory(lead, events.slice(at), model);
        const whole = foldAll([...events].sort(byEventTime), model);
        expect(lead.state.eventsApplied).toBe(events.length);
        if (events.length > 0) expect(evaluateScores(lead.state, model, lead.streamTime).total).toBe(evaluateScores(whole, model, lead.streamTime).total);
      }),
    );
  });
});

describe('a lead history', () => {
  it('folds the events behind the model horizon into its base and keeps the rest in event-time order', () => {
    // Given events spread over two years
    const e = journey();
    const events = [e('page_viewed', { url: '/demo' }, day(400)), e('page_viewed', { url: '/pricing' }, day(0)), e('session_started', { returning: true }, day(500))];

    // When they are kept at the stream time of the latest
    const history = withEvents(emptyLeadHistory(), events, day(500), model);

    // Then the oldest, beyond the horizon, is in the base; the fold of base and events is the whole fold
    expect(history.events.map((x) => x.occurredAt)).toEqual([day(400), day(500)]);
    expect(history.base.eventsApplied).toBe(1);
    expect(foldAll(history.events, model, history.base).eventsApplied).toBe(3);
    expect(day(500) - (model.maxEventAgeDays + 1) * DAY_MS).toBeGreaterThan(day(0));
  });
});
