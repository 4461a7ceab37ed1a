import type { LeadActivityEvent, LeadScored } from '@leadflow/schemas';
import fc from 'fast-check';
import { emptyLeadHistory, evaluateScores, foldActivity, initialLeadScoreState } from '../domain';
import { defaultModel, journeyArb, laterArb } from '../domain/activityFixtures.spec';
import type { LeadRow } from '../db/LeadRow';
import { regradeAtCrossing } from '../regrading/regradeAtCrossing';
import { scoreLeadActivity } from './scoreLeadActivity';

const model = defaultModel();

/** One step of the scoring service as seen by one lead: a consumed batch, or a tick of the wall clock. */
type Step = { batch: LeadActivityEvent[] } | { tick: true };

type Run = { row: LeadRow; applied: Set<string>; published: LeadScored[] };

const emptyRow = (): LeadRow => ({
  leadId: 'lead-1',
  state: initialLeadScoreState(),
  streamTime: 0,
  lastEmitted: null,
  nextCrossingAt: null,
  history: emptyLeadHistory(),
});

// The shell's steps, without Kafka and Postgres: events are claimed once by id, due crossings regraded.
function step(run: Run, s: Step, clock: number): Run {
  if ('tick' in s) {
    const due = run.row.nextCrossingAt !== null && run.row.nextCrossingAt <= clock;
    const regraded = due ? regradeAtCrossing(run.row, model) : undefined;
    return regraded ? { ...run, row: regraded.row, published: [...run.published, regraded.scores] } : run;
  }
  const fresh = [...new Map(s.batch.filter((e) => !run.applied.has(e.eventId)).map((e) => [e.eventId, e])).values()];
  if (fresh.length === 0) return run;
  const { row, scores } = scoreLeadActivity(run.row, fresh, model);
  return { row, applied: new Set([...run.applied, ...fresh.map((e) => e.eventId)]), published: [...run.published, ...scores] };
}

/** Runs the steps, then lets the ticker catch up with the clock, as the service does when input stops. */
function runAll(steps: readonly Step[], clock: number): Run {
  let run = steps.reduce((r, s) => step(r, s, clock), { row: emptyRow(), applied: new Set<string>(), published: [] } as Run);
  while (run.row.nextCrossingAt !== null && run.row.nextCrossingAt <= clock) run = step(run, { tick: true }, clock);
  return run;
}

// Decayed sums agree to the last bits only up to the order of floating-point additions.
const rounded = (value: unknown): unknown =>
  typeof value === 'number' && !Number.isInteger(value)
    ? Number(value.toPrecision(10))
    : Array.isArray(value)
      ? value.map(rounded)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]))
        : value;

/** What a lead's last score says, without what names its record or the order it was published in. */
const lastScoreOf = (run: Run) => {
  const last = run.published.at(-1);
  if (!last) return undefined;
  const { eventId: _id, causeEventIds: _causes, previousGrade: _previous, ...content } = last;
  return rounded(content);
};

const causeRank: Record<LeadScored['cause'], number> = { decay: 0, event: 1, rescore: 2 };

// The hand-off's rule: a score is partial when one of the same time counts more events (or as many,
// with a stronger cause), or one of an earlier time counts more events.
const supersedes = (o: LeadScored, s: LeadScored): boolean =>
  o.evaluatedAt === s.evaluatedAt
    ? o.eventsApplied > s.eventsApplied || (o.eventsApplied === s.eventsApplied && causeRank[o.cause] > causeRank[s.cause])
    : o.evaluatedAt < s.evaluatedAt && o.eventsApplied > s.eventsApplied;

/** The published scores no other published score supersedes, once each, in event-time order, as the hand-off keeps them. */
function survivingTrajectory(run: Run) {
  const unique = [...new Map(run.published.map((s) => [s.eventId, s])).values()];
  return unique
    .filter((s) => !unique.some((o) => o !== s && supersedes(o, s)))
    .sort((a, b) => a.evaluatedAt - b.evaluatedAt || (a.eventId < b.eventId ? -1 : 1))
    .map(({ previousGrade: _previous, ...content }) => rounded(content));
}

const chronological = (events: readonly LeadActivityEvent[]): Step[] =>
  [...events].sort((a, b) => a.occurredAt - b.occurredAt || (a.eventId < b.eventId ? -1 : 1)).flatMap((e) => [{ batch: [e] }, { tick: true as const }]);

/** The same events shuffled, each sent one to three times, cut into random batches with ticks between. */
const disorderedArb = (events: readonly LeadActivityEvent[]): fc.Arbitrary<Step[]> =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: events.length, maxLength: events.length }),
      fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 3 * events.length, maxLength: 3 * events.length }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean()), { minLength: 3 * events.length, maxLength: 3 * events.length }),
    )
    .map(([copies, order, cuts]) => {
      const sent = events.flatMap((e, i) => Array.from({ length: copies[i] ?? 1 }, () => e));
      const shuffled = sent.map((e, i) => ({ e, k: order[i] ?? 0 })).sort((a, b) => a.k - b.k).map((x) => x.e);
      const steps: Step[] = [];
      for (let at = 0, cut = 0; at < shuffled.length; cut++) {
        const [size, tick] = cuts[cut] ?? [shuffled.length, false];
        steps.push({ batch: shuffled.slice(at, at + size) }, ...(tick ? [{ tick: true as const }] : []));
        at += size;
      }
      return steps;
    });

const withDisorder = journeyArb.chain((events) => fc.tuple(fc.constant(events), disorderedArb(events), laterArb));

describe('scoring converges whatever the arrival order, duplication, batching and ticks', () => {
  it('ends in the same state, stream time and next crossing', () => {
    fc.assert(
      fc.property(withDisorder, ([events, disordered, clock]) => {
        const inOrder = runAll(chronological(events), clock);
        const shuffled = runAll(disordered, clock);

        expect(rounded(shuffled.row.state)).toEqual(rounded(inOrder.row.state));
        expect(shuffled.row.streamTime).toBe(inOrder.row.streamTime);
        expect(shuffled.row.nextCrossingAt).toBe(inOrder.row.nextCrossingAt);
      }),
    );
  });

  it('publishes last the same score, evaluated at a time that depends only on the events and the clock', () => {
    fc.assert(
      fc.property(withDisorder, ([events, disordered, clock]) => {
        const inOrder = runAll(chronological(events), clock);
        const shuffled = runAll(disordered, clock);

        expect(lastScoreOf(shuffled)).toEqual(lastScoreOf(inOrder));
        const latestEvent = Math.max(0, ...events.map((e) => e.occurredAt));
        const last = shuffled.published.at(-1);
        if (last) expect(last.cause === 'decay' ? last.evaluatedAt > latestEvent && last.evaluatedAt <= clock : last.evaluatedAt === latestEvent).toBe(true);
      }),
    );
  });

  it('never lets a tick move the state or the stream time, nor evaluate before the latest event', () => {
    fc.assert(
      fc.property(withDisorder, ([, disordered, clock]) => {
        let run: Run = { row: emptyRow(), applied: new Set(), published: [] };
        for (const s of disordered) {
          const before = run.row;
          run = step(run, s, clock);
          if ('tick' in s) {
            expect(run.row.state).toBe(before.state);
            expect(run.row.streamTime).toBe(before.streamTime);
          }
          const last = run.published.at(-1);
          if (last) expect(last.evaluatedAt).toBeGreaterThanOrEqual(run.row.streamTime);
        }
      }),
    );
  });

  it('keeps the same surviving trajectory: the scores at every event time and grade crossing, from all the events up to then', () => {
    fc.assert(
      fc.property(withDisorder, ([events, disordered, clock]) => {
        const inOrder = survivingTrajectory(runAll(chronological(events), clock));
        const shuffled = survivingTrajectory(runAll(disordered, clock));

        expect(shuffled).toEqual(inOrder);
        const times = [...new Set(events.map((e) => e.occurredAt))].sort((a, b) => a - b);
        const atEventTimes = inOrder.filter((s) => (s as LeadScored).cause === 'event') as LeadScored[];
        expect(atEventTimes.map((s) => [s.evaluatedAt, s.eventsApplied])).toEqual(times.map((t) => [t, events.filter((e) => e.occurredAt <= t).length]));
        const eventsUpTo = (t: number) => [...events].filter((e) => e.occurredAt <= t).sort((a, b) => a.occurredAt - b.occurredAt || (a.eventId < b.eventId ? -1 : 1));
        for (const s of atEventTimes) {
          const direct = evaluateScores(eventsUpTo(s.evaluatedAt).reduce((st, e) => foldActivity(st, e, model), initialLeadScoreState()), model, s.evaluatedAt);
          expect({ total: s.total, grade: s.grade }).toEqual({ total: direct.total, grade: direct.grade });
        }
      }),
    );
  });
});
