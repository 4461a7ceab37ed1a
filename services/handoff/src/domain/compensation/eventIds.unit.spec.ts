import fc from 'fast-check';
import { applyScores, at, event, LEAD, mqlAt, outcome, rules, sqlAt } from '../leadFixtures.spec';
import type { LeadEvent } from '../leadEvent';
import { lifecycleEventId, republishedEventId, retractionEventId } from '../lifecycleEventId';
import { deliver, inputOf } from './compensationFixtures.spec';
import { isRetraction } from './retractionOf';
import { reconcileLead } from './reconcileLead';
import { redecideAndCompensate } from './redecideAndCompensate';

const why = { at: at(10), reason: 'a late input re-decided the lead in event-time order', stage: 'mql' } as const;
const decided = (type: LeadEvent['type'], hours: number): LeadEvent => ({ ...event(type, { n: hours }, at(hours)), leadId: LEAD }) as LeadEvent;
const idsOf = (events: readonly LeadEvent[]) => events.map((e) => e.eventId);

const journey = [inputOf(applyScores(mqlAt(0))), inputOf(applyScores(sqlAt(1))), inputOf(outcome('lead_contacted', { channel: 'phone', by: 'anna.schmidt' }, at(2)))];

describe('lifecycle event ids derive from content', () => {
  it('a decision is named by its lead, type, event time and rank among the decisions of that type and time', () => {
    const target = [decided('lead_qualified_mql', 0), decided('lead_assigned', 1), decided('lead_assigned', 1)];

    expect(idsOf(reconcileLead(LEAD, [], target, why))).toEqual([
      lifecycleEventId(LEAD, 'lead_qualified_mql', at(0), 0),
      lifecycleEventId(LEAD, 'lead_assigned', at(1), 0),
      lifecycleEventId(LEAD, 'lead_assigned', at(1), 1),
    ]);
  });

  it('inputs delivered one by one in event-time order get the ids of the same inputs decided at once', () => {
    const oneByOne = deliver(journey).stream;
    const atOnce = redecideAndCompensate(LEAD, [], journey, at(2), rules, {}).append;

    expect(idsOf(oneByOne)).toEqual(idsOf(atOnce));
    expect(oneByOne.length).toBeGreaterThan(3);
  });

  it('a decision published again after its retraction gets the next generation of its id; a retraction is named after what it undoes', () => {
    const mql = decided('lead_qualified_mql', 1);
    const [first] = reconcileLead(LEAD, [], [mql], why);
    const base = lifecycleEventId(LEAD, 'lead_qualified_mql', at(1), 0);
    expect(first?.eventId).toBe(base);

    // an earlier decision arrives: the MQL is retracted, the earlier one published, the MQL again
    const earlier = decided('lead_marked_do_not_contact', 0);
    const detour = reconcileLead(LEAD, [first as LeadEvent], [earlier, mql], why);
    expect(detour.map((e) => [e.type, e.eventId])).toEqual([
      ['lead_qualification_retracted', retractionEventId(base)],
      ['lead_marked_do_not_contact', lifecycleEventId(LEAD, 'lead_marked_do_not_contact', at(0), 0)],
      ['lead_qualified_mql', republishedEventId(base, 1)],
    ]);

    // a second detour: each decision past the parting point takes its next unused generation
    const stream = [first as LeadEvent, ...detour];
    const again = reconcileLead(LEAD, stream, [decided('lead_assigned', -1), earlier, mql], why);
    expect(again.filter((e) => !isRetraction(e)).map((e) => e.eventId)).toEqual([
      lifecycleEventId(LEAD, 'lead_assigned', at(-1), 0),
      republishedEventId(lifecycleEventId(LEAD, 'lead_marked_do_not_contact', at(0), 0), 1),
      republishedEventId(base, 2),
    ]);
    const all = [...stream, ...again];
    expect(new Set(idsOf(all)).size).toBe(all.length);
  });

  it('any arrival order that needs no retraction publishes exactly the ids of event-time order', () => {
    let withoutDetour = 0;
    fc.assert(
      fc.property(
        fc.shuffledSubarray(journey, { minLength: journey.length, maxLength: journey.length }),
        fc.subarray(journey),
        (shuffled, again) => {
          const clock = at(200);
          const arrived = deliver([...shuffled, ...again], { clock }).stream;
          const inOrder = deliver(journey, { clock }).stream;
          if (arrived.some(isRetraction)) return;
          withoutDetour++;
          expect(arrived).toEqual(inOrder);
        },
      ),
      { numRuns: 60 },
    );
    expect(withoutDetour).toBeGreaterThan(0);
  });
});
