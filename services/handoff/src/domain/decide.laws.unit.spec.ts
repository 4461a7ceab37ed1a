import fc from 'fast-check';
import type { Grade, LeadScored, Stage } from '@leadflow/schemas';
import type { Decision } from './decision';
import { evolve } from './evolve';
import type { LeadCommand } from './leadCommand';
import type { LeadEvent } from './leadEvent';
import {
  applyScores,
  at,
  context,
  DAY_MS,
  expectPublishable,
  fireTimer,
  germanEnterprise,
  HOUR_MS,
  mqlAt,
  outcome,
  run,
  scores,
  sqlAt,
  T0,
} from './leadFixtures.spec';
import { initialLeadLifecycleState, type LeadLifecycleState } from './leadLifecycleState';
import type { LeadTimer } from './leadTimer';

/** Every stage change the lifecycle allows (DESIGN §5). */
const allowed: Record<Stage, readonly Stage[]> = {
  lead: ['mql', 'disqualified'],
  mql: ['sql', 'recycled', 'disqualified'],
  sql: ['accepted', 'opportunity', 'recycled', 'disqualified'],
  accepted: ['opportunity', 'recycled', 'disqualified'],
  opportunity: ['won', 'lost', 'disqualified'],
  recycled: ['mql', 'disqualified'],
  won: [],
  lost: [],
  disqualified: [],
};

const gradeOf = (total: number): Grade => (total >= 80 ? 'A' : total >= 60 ? 'B' : total >= 40 ? 'C' : total >= 20 ? 'D' : 'F');

const scoresArb = fc
  .record({
    total: fc.integer({ min: 0, max: 100 }),
    fit: fc.integer({ min: 0, max: 60 }),
    cause: fc.constantFrom<LeadScored['cause']>('event', 'event', 'decay', 'rescore'),
    consent: fc.oneof(
      { arbitrary: fc.constantFrom<LeadScored['signals']['contactConsent']>('unknown', 'granted'), weight: 9 },
      { arbitrary: fc.constant<LeadScored['signals']['contactConsent']>('withdrawn'), weight: 1 },
    ),
    demoRequested: fc.boolean(),
    bant: fc.subarray(['budget', 'authority', 'need', 'timeline'] as const),
    context: fc.constantFrom(
      germanEnterprise,
      context({ country: 'US', companySize: 300 }, ['routing']),
      context({ country: 'JP' }),
      undefined,
    ),
  })
  .map(({ total, fit, cause, consent, demoRequested, bant, context: ctx }) => (t: number) =>
    applyScores(
      scores({
        total,
        grade: gradeOf(total),
        fit,
        cause,
        evaluatedAt: t,
        ...(ctx && { context: ctx }),
        signals: { contactConsent: consent, demoRequested, bantEstablished: [...bant] },
      }),
    ),
  );

const sent = <T>(weight: number, outcomeAt: (t: number) => T) => ({ arbitrary: fc.constant(outcomeAt), weight });

/** Sales mostly works its leads; now and then it rejects or disqualifies one. */
const outcomeArb = fc.oneof(
  sent(3, (t: number) => outcome('lead_accepted', { by: 'anna.schmidt' }, t)),
  sent(3, (t: number) => outcome('lead_contacted', { channel: 'phone', by: 'anna.schmidt' }, t)),
  sent(1, (t: number) => outcome('lead_rejected', { reason: 'not now' }, t)),
  sent(3, (t: number) => outcome('opportunity_created', { amount: 30_000 }, t)),
  sent(2, (t: number) => outcome('deal_won', { amount: 30_000 }, t)),
  sent(1, (t: number) => outcome('deal_lost', { reason: 'competitor' }, t)),
  sent(1, (t: number) => outcome('lead_disqualified', { reason: 'student' }, t)),
);

const timerArb = fc
  .tuple(fc.constantFrom<LeadTimer>('sla', 'no_sales_activity', 'decayed'), fc.integer({ min: 0, max: 6 * HOUR_MS }))
  .map(([timer, lateBy]) => (t: number) => fireTimer(timer, t, t + lateBy));

/** Mostly hours apart, so sales often acts in time; now and then weeks, or a command that arrives late. */
const stepArb = fc.oneof(
  { arbitrary: fc.integer({ min: -HOUR_MS, max: 6 * HOUR_MS }), weight: 8 },
  { arbitrary: fc.integer({ min: 0, max: 40 * DAY_MS }), weight: 1 },
);

/** Scores that hand the lead to sales, so that many sequences get past the hand-off. */
const handOffArb = fc.constant((t: number) => applyScores(sqlAt(0, { evaluatedAt: t })));

const commandArb = fc.oneof(
  { arbitrary: scoresArb, weight: 3 },
  { arbitrary: handOffArb, weight: 1 },
  { arbitrary: outcomeArb, weight: 4 },
  { arbitrary: timerArb, weight: 2 },
);

/** A lead's commands, one after the other. */
const commandsArb = fc
  .array(fc.tuple(commandArb, stepArb), { maxLength: 30 })
  .map((steps) => {
    let t = T0;
    return steps.map(([command, step]) => {
      t = Math.max(T0, t + step);
      return command(t);
    });
  });

const fromStageOf = (e: LeadEvent): unknown => (e.payload as { fromStage?: unknown }).fromStage;

function checkTransition(before: LeadLifecycleState, e: LeadEvent): LeadLifecycleState {
  const after = evolve(before, e);
  if (after.stage !== before.stage) expect(allowed[before.stage]).toContain(after.stage);
  if (fromStageOf(e) !== undefined) expect(fromStageOf(e)).toBe(before.stage);
  if (e.type === 'lead_requalified') expect(before.stage).toBe('recycled');
  return after;
}

/** Between decisions, an SLA clock runs only for a lead with sales that has not acted on it yet. */
function checkDecision(before: LeadLifecycleState, decision: Decision): LeadLifecycleState {
  const after = decision.events.reduce(checkTransition, before);
  if (after.sla) expect(after.stage).toBe('sql');
  return after;
}

describe('decide: laws', () => {
  it('stage changes follow the lifecycle graph, ids are unique, and every event keeps its contract', () => {
    fc.assert(
      fc.property(commandsArb, (commands) => {
        const { events, decisions } = run(commands);

        decisions.reduce(checkDecision, initialLeadLifecycleState());
        expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
        expectPublishable(events);
      }),
      { numRuns: 300 },
    );
  });

  it('deciding the same command history twice gives identical events and ids', () => {
    fc.assert(
      fc.property(commandsArb, (commands: LeadCommand[]) => {
        expect(run(commands)).toEqual(run(commands));
      }),
      { numRuns: 100 },
    );
  });

  it('a golden journey: MQL, SQL, a missed deadline, accepted by the escalated owner, won', () => {
    const journey = [
      applyScores(mqlAt(0)),
      applyScores(sqlAt(5)),
      outcome('lead_accepted', { by: 'chloe.martin' }, at(30)),
      outcome('opportunity_created', { amount: 60_000 }, at(24 * 10)),
      outcome('deal_won', { amount: 64_000 }, at(24 * 45)),
    ];

    const first = run(journey);

    expect(first).toEqual(run(journey));
    expect(first.events.map((e) => e.type)).toEqual([
      'lead_qualified_mql',
      'lead_qualified_sql',
      'lead_assigned',
      'sla_started',
      'sla_breached',
      'lead_assigned',
      'sla_started',
      'sales_accepted',
      'sla_met',
      'opportunity_opened',
      'deal_won',
    ]);
    expect(first.rotations).toEqual({ 'emea-enterprise': 1 });
  });
});
