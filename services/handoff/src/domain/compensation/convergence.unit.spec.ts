import fc from 'fast-check';
import type { LeadScored } from '@leadflow/schemas';
import { applyScores, at, DAY_MS, germanEnterprise, outcome, scores } from '../leadFixtures.spec';
import { compactInputs } from './compactInputs';
import { deliver, inputOf, netOf } from './compensationFixtures.spec';
import { inputIdOf, type LeadInput } from './leadInput';

type Level = 'low' | 'mql' | 'sql' | 'withdrawn' | 'decayed';

const levels: Record<Level, Partial<LeadScored>> = {
  low: { total: 25, grade: 'D', fit: 30 },
  mql: { total: 45, grade: 'C', fit: 40 },
  sql: { total: 72, grade: 'B', fit: 55 },
  withdrawn: { total: 72, grade: 'B', fit: 55 },
  decayed: { total: 10, grade: 'F', fit: 30 },
};

const signalsOf = (level: Level): LeadScored['signals'] => ({
  contactConsent: level === 'withdrawn' ? 'withdrawn' : 'granted',
  unsubscribed: false,
  demoRequested: false,
  contactRequested: false,
  bantEstablished: level === 'sql' || level === 'withdrawn' ? ['budget', 'authority', 'need'] : [],
});

/**
 * A lead's inputs as scoring and the CRM publish them in event-time order: scores at increasing
 * times, each counting more events (a revision of the same moment counts more still), and outcomes.
 */
const journeyArb = fc
  .record({
    scores: fc.array(fc.record({ hours: fc.integer({ min: 0, max: 72 }), level: fc.constantFrom<Level>('low', 'mql', 'sql', 'withdrawn', 'decayed') }), { minLength: 1, maxLength: 6 }),
    outcomes: fc.array(
      fc.record({
        hours: fc.integer({ min: 0, max: 80 }),
        type: fc.constantFrom('lead_accepted', 'lead_contacted', 'lead_rejected', 'opportunity_created', 'lead_disqualified'),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ scores: steps, outcomes }) => {
    const inOrder = [...steps].sort((a, b) => a.hours - b.hours);
    const scored = inOrder.map(({ hours, level }, i) =>
      inputOf(applyScores(scores({ ...levels[level], evaluatedAt: at(hours), eventsApplied: i + 1, context: germanEnterprise, signals: signalsOf(level) }))),
    );
    const reported = outcomes.map(({ hours, type }) => {
      const payloads = {
        lead_accepted: {},
        lead_contacted: { channel: 'phone', by: 'anna.schmidt' },
        lead_rejected: { reason: 'no budget' },
        opportunity_created: { amount: 10_000 },
        lead_disqualified: { reason: 'competitor' },
      } as const;
      return inputOf(outcome(type, payloads[type] as never, at(hours)));
    });
    return [...scored, ...reported];
  });

/** A delivery order: the inputs shuffled, some delivered twice. */
const arrivalArb = (inputs: LeadInput[]) =>
  fc.tuple(fc.shuffledSubarray(inputs, { minLength: inputs.length, maxLength: inputs.length }), fc.subarray(inputs)).map(([shuffled, again]) => [...shuffled, ...again]);

const eventTimeOrder = (inputs: LeadInput[]) => compactInputs(inputs);

describe('convergence: any arrival order of a lead\'s inputs ends in the net lifecycle of event-time order', () => {
  it('same net lifecycle, same stage, do-not-contact and timers, for any permutation with duplicates', () => {
    fc.assert(
      fc.property(
        journeyArb.chain((inputs) => fc.tuple(fc.constant(inputs), arrivalArb(inputs))),
        ([inputs, arrival]) => {
          const clock = Math.max(...inputs.map((i) => i.at)) + 60 * DAY_MS;
          const chronological = deliver(eventTimeOrder(inputs), { clock });
          const shuffled = deliver(arrival, { clock });

          expect(netOf(shuffled.stream)).toEqual(netOf(chronological.stream));
          expect(shuffled.state).toEqual(chronological.state);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('after every delivery the net lifecycle is the history decided from the inputs so far, and ids are unique', () => {
    fc.assert(
      fc.property(
        journeyArb.chain((inputs) => arrivalArb(inputs)),
        (arrival) => {
          for (let n = 1; n <= arrival.length; n++) {
            const prefix = arrival.slice(0, n);
            const { stream } = deliver(prefix);
            const direct = deliver(eventTimeOrder(prefix), { clock: Math.max(...prefix.map((i) => i.at)) });
            expect(netOf(stream)).toEqual(netOf(direct.stream));
            expect(new Set(stream.map((e) => e.eventId)).size).toBe(stream.length);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('compacting inputs depends on their set only', () => {
    fc.assert(
      fc.property(
        journeyArb.chain((inputs) => fc.tuple(fc.constant(inputs), arrivalArb(inputs))),
        ([inputs, arrival]) => {
          expect(compactInputs(arrival).map(inputIdOf)).toEqual(compactInputs(inputs).map(inputIdOf));
        },
      ),
    );
  });
});
