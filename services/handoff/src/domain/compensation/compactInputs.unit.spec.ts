import { applyScores, at, mqlAt, outcome } from '../leadFixtures.spec';
import { compactInputs } from './compactInputs';
import { inputOf, revised } from './compensationFixtures.spec';
import { inputIdOf } from './leadInput';

describe('compactInputs', () => {
  it('keeps each input once, in event-time order, scores before outcomes of the same instant', () => {
    const scores = inputOf(applyScores(mqlAt(1)));
    const accepted = inputOf(outcome('lead_accepted', {}, at(1)));
    const earlier = inputOf(applyScores(mqlAt(0, { eventsApplied: 1 })));

    expect(compactInputs([accepted, scores, earlier, scores, accepted]).map(inputIdOf)).toEqual([earlier, scores, accepted].map(inputIdOf));
  });

  it('drops scores of a moment that a revision of the same moment saw more of', () => {
    const partial = mqlAt(1, { eventsApplied: 7 });
    const complete = revised(partial, { eventsApplied: 14 });

    expect(compactInputs([inputOf(applyScores(complete)), inputOf(applyScores(partial))]).map(inputIdOf)).toEqual([complete.eventId]);
  });

  it('drops later scores that saw fewer events than earlier ones (a decay evaluated before a late event was seen)', () => {
    const decay = mqlAt(5, { eventsApplied: 7, cause: 'decay' });
    const withLateEvent = mqlAt(2, { eventsApplied: 8 });

    expect(compactInputs([inputOf(applyScores(decay)), inputOf(applyScores(withLateEvent))]).map(inputIdOf)).toEqual([withLateEvent.eventId]);
  });

  it('at the same moment and count, prefers a rescore to an event to a decay', () => {
    const byEvent = mqlAt(3, { eventsApplied: 9, cause: 'event' });
    const byDecay = mqlAt(3, { eventsApplied: 9, cause: 'decay' });
    const byRescore = mqlAt(3, { eventsApplied: 9, cause: 'rescore' });

    expect(compactInputs([byDecay, byRescore, byEvent].map((s) => inputOf(applyScores(s)))).map(inputIdOf)).toEqual([byRescore.eventId]);
    expect(compactInputs([byDecay, byEvent].map((s) => inputOf(applyScores(s)))).map(inputIdOf)).toEqual([byEvent.eventId]);
  });
});
