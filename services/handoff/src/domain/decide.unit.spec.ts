import type { LeadScored, LeadSignals, LifecycleEvent } from '@leadflow/schemas';
import { topics } from '@leadflow/schemas';
import rulesFile from '../../config/handoff-rules.json';
import { decide } from './decide';
import { evolve } from './evolve';
import { parseHandoffRules, type HandoffRules } from './handoffRules';
import type { LeadCommand } from './leadCommand';
import { initialLeadLifecycleState } from './leadLifecycleState';

const LEAD = 'lead-42';
const HOUR_MS = 3_600_000;
const T0 = 1_735_689_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function defaultRules(): HandoffRules {
  const parsed = parseHandoffRules(rulesFile);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.rules;
}
const rules = defaultRules();

let scoresWritten = 0;
type ScoresInput = Partial<Omit<LeadScored, 'signals'>> & { signals?: Partial<LeadSignals> };

/** Scores of LEAD as the scoring service publishes them; each call is a new scores event. */
function scores({ signals, ...overrides }: ScoresInput = {}): LeadScored {
  scoresWritten += 1;
  return {
    eventId: `00000000-0000-4000-8000-${scoresWritten.toString(16).padStart(12, '0')}`,
    leadId: LEAD,
    modelVersion: 'default.v1',
    evaluatedAt: T0,
    cause: 'event',
    causeEventIds: [],
    fit: 50,
    intent: 20,
    readiness: 0,
    total: 33,
    grade: 'D',
    breakdown: [],
    eventsApplied: 5,
    signals: {
      contactConsent: 'unknown',
      unsubscribed: false,
      demoRequested: false,
      contactRequested: false,
      bantEstablished: [],
      ...signals,
    },
    ...overrides,
  };
}

const applyScores = (s: LeadScored): LeadCommand => ({
  type: 'ApplyScores',
  leadId: s.leadId,
  scores: s,
  now: s.evaluatedAt + 1000,
});

const snapshotOf = (s: LeadScored) => ({
  scoresEventId: s.eventId,
  modelVersion: s.modelVersion,
  total: s.total,
  grade: s.grade,
  fit: s.fit,
  intent: s.intent,
  readiness: s.readiness,
});

/** A stage change as published, with any deterministic id. */
const published = (s: LeadScored, transition: Pick<LifecycleEvent, 'type' | 'payload'>) => ({
  eventId: expect.stringMatching(UUID),
  leadId: LEAD,
  occurredAt: s.evaluatedAt,
  ...transition,
});

/** The history a command meets: the events it was built from, folded with evolve. */
const historyOf = (events: readonly LifecycleEvent[]) => events.reduce(evolve, initialLeadLifecycleState());

/** History up to the given scores, built by the decider itself (as the event store would hold it). */
const after = (...applied: LeadScored[]): LifecycleEvent[] =>
  applied.reduce<LifecycleEvent[]>((events, s) => [...events, ...decide(applyScores(s), historyOf(events), rules)], []);

const given = (...history: LifecycleEvent[]) => ({
  when: (command: LeadCommand) => ({
    then: (expected: unknown[]) => {
      const decided = decide(command, historyOf(history), rules);
      expect(decided).toEqual(expected);
      for (const event of decided) expect(topics.lifecycle.schema.safeParse(event).success).toBe(true);
      return decided;
    },
  }),
});

const mqlScores = { total: 45, grade: 'C', fit: 40, intent: 30, readiness: 27 } as const;
const sqlScores = { total: 72, grade: 'B', fit: 55, intent: 40, readiness: 60 } as const;
const threeBant = ['budget', 'authority', 'need'] as const;

describe('decide: qualification', () => {
  it('a lead reaching the MQL total with enough fit becomes an MQL', () => {
    const s = scores(mqlScores);

    given()
      .when(applyScores(s))
      .then([published(s, { type: 'lead_qualified_mql', payload: { ...snapshotOf(s), fromStage: 'lead' } })]);
  });

  it('a lead below the MQL total stays a lead', () => {
    given()
      .when(applyScores(scores({ total: 39, grade: 'D', fit: 60 })))
      .then([]);
  });

  it('a lead with the total but too little fit stays a lead', () => {
    given()
      .when(applyScores(scores({ ...mqlScores, fit: 19 })))
      .then([]);
  });

  it('a disqualified lead is never handed over, whatever its scores', () => {
    const s = scores({
      ...sqlScores,
      signals: { disqualifiedBy: 'seniority student', bantEstablished: [...threeBant], demoRequested: true },
    });

    given().when(applyScores(s)).then([]);
  });

  it('an MQL with the SQL total and three BANT dimensions becomes an SQL by score and BANT', () => {
    const s = scores({ ...sqlScores, evaluatedAt: T0 + HOUR_MS, signals: { bantEstablished: [...threeBant] } });

    given(...after(scores(mqlScores)))
      .when(applyScores(s))
      .then([
        published(s, {
          type: 'lead_qualified_sql',
          payload: { ...snapshotOf(s), fromStage: 'mql', route: 'score_and_bant', bantEstablished: [...threeBant] },
        }),
      ]);
  });

  it('an MQL with the SQL total but only two BANT dimensions stays an MQL', () => {
    const s = scores({ ...sqlScores, evaluatedAt: T0 + HOUR_MS, signals: { bantEstablished: ['budget', 'need'] } });

    given(...after(scores(mqlScores)))
      .when(applyScores(s))
      .then([]);
  });

  it('an MQL asking for a demo with enough fit self-qualifies as an SQL', () => {
    const s = scores({ ...mqlScores, evaluatedAt: T0 + HOUR_MS, signals: { demoRequested: true } });

    given(...after(scores(mqlScores)))
      .when(applyScores(s))
      .then([
        published(s, {
          type: 'lead_qualified_sql',
          payload: { ...snapshotOf(s), fromStage: 'mql', route: 'self_qualified', bantEstablished: [] },
        }),
      ]);
  });

  it('a contact request without enough fit does not self-qualify', () => {
    given()
      .when(applyScores(scores({ total: 30, grade: 'D', fit: 10, signals: { contactRequested: true } })))
      .then([]);
  });

  it('a lead qualifying for SQL directly passes through MQL in the same decision', () => {
    const s = scores({ ...sqlScores, signals: { bantEstablished: ['budget', 'authority', 'need', 'timeline'] } });

    const [first, second] = given()
      .when(applyScores(s))
      .then([
        published(s, { type: 'lead_qualified_mql', payload: { ...snapshotOf(s), fromStage: 'lead' } }),
        published(s, {
          type: 'lead_qualified_sql',
          payload: {
            ...snapshotOf(s),
            fromStage: 'mql',
            route: 'score_and_bant',
            bantEstablished: ['budget', 'authority', 'need', 'timeline'],
          },
        }),
      ]);
    expect(first?.eventId).not.toBe(second?.eventId);
  });

  it('a recycled lead may qualify again, from the recycled stage', () => {
    const recycled = { ...initialLeadLifecycleState(), leadId: LEAD, stage: 'recycled' as const, transitions: 4 };
    const s = scores(mqlScores);

    expect(decide(applyScores(s), recycled, rules)).toEqual([
      published(s, { type: 'lead_qualified_mql', payload: { ...snapshotOf(s), fromStage: 'recycled' } }),
    ]);
  });
});

describe('decide: nothing changes', () => {
  it('an MQL whose scores are still MQL-level emits nothing', () => {
    given(...after(scores(mqlScores)))
      .when(applyScores(scores({ ...mqlScores, total: 50, evaluatedAt: T0 + HOUR_MS })))
      .then([]);
  });

  it('an SQL emits nothing more on better scores', () => {
    const history = after(scores({ ...sqlScores, signals: { bantEstablished: [...threeBant] } }));

    given(...history)
      .when(
        applyScores(
          scores({ ...sqlScores, total: 95, grade: 'A', evaluatedAt: T0 + HOUR_MS, signals: { demoRequested: true } }),
        ),
      )
      .then([]);
  });

  it('stale scores, evaluated before the last applied ones, are ignored', () => {
    const history = after(scores({ ...mqlScores, evaluatedAt: T0 + HOUR_MS }));
    const stale = scores({ ...mqlScores, evaluatedAt: T0, signals: { demoRequested: true } });

    given(...history)
      .when(applyScores(stale))
      .then([]);
  });
});

describe('decide: consent', () => {
  it('withdrawn contact consent marks the lead do-not-contact once', () => {
    const s = scores({ ...sqlScores, signals: { contactConsent: 'withdrawn', demoRequested: true } });

    given()
      .when(applyScores(s))
      .then([published(s, { type: 'lead_marked_do_not_contact', payload: { reason: 'contact consent withdrawn' } })]);
  });

  it('an MQL withdrawing consent is marked do-not-contact and not handed to sales', () => {
    const s = scores({
      ...sqlScores,
      evaluatedAt: T0 + HOUR_MS,
      signals: { contactConsent: 'withdrawn', bantEstablished: [...threeBant] },
    });

    given(...after(scores(mqlScores)))
      .when(applyScores(s))
      .then([published(s, { type: 'lead_marked_do_not_contact', payload: { reason: 'contact consent withdrawn' } })]);
  });

  it('a do-not-contact lead is never marked again nor handed over', () => {
    const history = after(scores({ signals: { contactConsent: 'withdrawn' } }));

    given(...history)
      .when(applyScores(scores({ evaluatedAt: T0 + HOUR_MS, signals: { contactConsent: 'withdrawn' } })))
      .then([]);
    given(...history)
      .when(
        applyScores(
          scores({
            ...sqlScores,
            evaluatedAt: T0 + HOUR_MS,
            signals: { contactConsent: 'granted', demoRequested: true },
          }),
        ),
      )
      .then([]);
  });
});

describe('decide: deterministic ids', () => {
  it('replaying the same history gives the same ids', () => {
    const journey = [
      scores(mqlScores),
      scores({ ...sqlScores, evaluatedAt: T0 + HOUR_MS, signals: { bantEstablished: [...threeBant] } }),
    ];

    expect(after(...journey)).toEqual(after(...journey));
    expect(after(...journey).map((e) => e.type)).toEqual(['lead_qualified_mql', 'lead_qualified_sql']);
  });

  it('a redelivered command meets the same history and decides the same ids', () => {
    const history = after(scores(mqlScores));
    const command = applyScores(
      scores({ ...mqlScores, evaluatedAt: T0 + HOUR_MS, signals: { contactRequested: true } }),
    );

    expect(decide(command, historyOf(history), rules)).toEqual(decide(command, historyOf(history), rules));
  });

  it('ids differ per lead, type and transition', () => {
    const ids = [
      ...after(scores({ ...sqlScores, signals: { bantEstablished: [...threeBant] } })),
      ...decide(applyScores(scores({ ...mqlScores, leadId: 'lead-43' })), initialLeadLifecycleState(), rules),
    ].map((e) => e.eventId);

    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('decide: invariants', () => {
  it('refuses scores of another lead', () => {
    expect(() =>
      decide({ ...applyScores(scores(mqlScores)), leadId: 'lead-7' }, initialLeadLifecycleState(), rules),
    ).toThrow(/lead-42/);
  });
});
