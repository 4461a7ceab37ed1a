import type { LeadScored } from '@leadflow/schemas';
import {
  applyScores,
  at,
  event,
  given,
  germanEnterprise,
  historyOf,
  HOUR_MS,
  LEAD,
  mqlAt,
  mqlScores,
  outcome,
  scores,
  sqlAt,
  sqlScores,
  threeBant,
} from './leadFixtures.spec';

const snapshotOf = (s: LeadScored) => ({
  scoresEventId: s.eventId,
  modelVersion: s.modelVersion,
  total: s.total,
  grade: s.grade,
  fit: s.fit,
  intent: s.intent,
  readiness: s.readiness,
});

const anna = { owner: 'anna.schmidt', team: 'emea-enterprise', rule: 'emea-enterprise' };

/** The three events of a hand-off to sales, at the scores' time. */
function handedOff(s: LeadScored, route: 'score_and_bant' | 'self_qualified', assignment = anna, slaMs = 24 * HOUR_MS) {
  const now = s.evaluatedAt;
  const deadline = now + slaMs;
  return [
    event(
      'lead_qualified_sql',
      {
        ...snapshotOf(s),
        fromStage: 'mql',
        route,
        bantEstablished: s.signals.bantEstablished,
        assignment,
        slaDeadline: deadline,
        breakdown: s.breakdown,
        ...(s.context && { context: s.context }),
      },
      now,
    ),
    event('lead_assigned', { ...assignment, reason: 'routed' }, now),
    event('sla_started', { owner: assignment.owner, team: assignment.team, deadline, grade: s.grade, attempt: 1 }, now),
  ];
}

describe('decide: lead to MQL', () => {
  it('a lead reaching the MQL total with enough fit becomes an MQL', () => {
    const s = mqlAt(0);

    given()
      .when(applyScores(s))
      .then([event('lead_qualified_mql', { ...snapshotOf(s), fromStage: 'lead' }, s.evaluatedAt)]);
  });

  it('a lead below the MQL total stays a lead', () => {
    given()
      .when(applyScores(scores({ total: 39, grade: 'D', fit: 60 })))
      .then([]);
  });

  it('a lead with the total but too little fit stays a lead', () => {
    given()
      .when(applyScores(mqlAt(0, { fit: 19 })))
      .then([]);
  });

  it('a disqualified lead is never handed over, whatever its scores', () => {
    const s = sqlAt(0, {
      signals: { disqualifiedBy: 'seniority student', bantEstablished: [...threeBant], demoRequested: true },
    });

    given().when(applyScores(s)).then([]);
  });
});

describe('decide: MQL to SQL, with the hand-off', () => {
  it('an MQL with the SQL total and three BANT dimensions goes to its routed owner with everything for the first call', () => {
    const s = sqlAt(1, {
      breakdown: [
        {
          score: 'fit',
          dimension: 'companySize',
          points: 20,
          cap: 20,
          topContributors: [{ eventId: '00000000-0000-4000-8000-0000000000aa', type: 'profile_captured', occurredAt: at(-48), points: 20 }],
        },
      ],
    });

    given(...historyOf(applyScores(mqlAt(0))))
      .when(applyScores(s))
      .then(handedOff(s, 'score_and_bant'));
  });

  it('the SLA deadline follows the grade: an A lead gets one hour', () => {
    const s = sqlAt(1, { total: 91, grade: 'A' });

    const [, , started] = given(...historyOf(applyScores(mqlAt(0))))
      .when(applyScores(s))
      .then(handedOff(s, 'score_and_bant', anna, HOUR_MS));
    expect(started?.payload).toMatchObject({ deadline: at(2), grade: 'A' });
  });

  it('an MQL with the SQL total but only two BANT dimensions stays an MQL', () => {
    given(...historyOf(applyScores(mqlAt(0))))
      .when(applyScores(sqlAt(1, { signals: { bantEstablished: ['budget', 'need'] } })))
      .then([]);
  });

  it('an MQL asking for a demo with enough fit self-qualifies; without context it goes to the fallback team', () => {
    const s = mqlAt(1, { signals: { demoRequested: true } });

    given(...historyOf(applyScores(mqlAt(0))))
      .when(applyScores(s))
      .then(
        handedOff(s, 'self_qualified', { owner: 'ben.carter', team: 'inside-sales', rule: 'fallback' }, 48 * HOUR_MS),
      );
  });

  it('a contact request without enough fit does not self-qualify', () => {
    given()
      .when(applyScores(scores({ total: 30, grade: 'D', fit: 10, signals: { contactRequested: true } })))
      .then([]);
  });

  it('a lead qualifying for SQL directly passes through MQL in the same decision', () => {
    const s = sqlAt(0, { signals: { bantEstablished: ['budget', 'authority', 'need', 'timeline'] } });

    const events = given()
      .when(applyScores(s))
      .then([event('lead_qualified_mql', { ...snapshotOf(s), fromStage: 'lead' }, s.evaluatedAt), ...handedOff(s, 'score_and_bant')]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(4);
  });

  it('the hand-off carries the lead’s context as scoring described it', () => {
    const [, sql] = historyOf(applyScores(sqlAt(0)));

    expect(sql?.type === 'lead_qualified_sql' && sql.payload.context).toEqual(germanEnterprise);
  });
});

describe('decide: nothing changes', () => {
  it('an MQL whose scores are still MQL-level emits nothing', () => {
    given(...historyOf(applyScores(mqlAt(0))))
      .when(applyScores(mqlAt(1, { total: 50 })))
      .then([]);
  });

  it('an SQL emits nothing more on better scores', () => {
    given(...historyOf(applyScores(sqlAt(0))))
      .when(applyScores(sqlAt(0.5, { total: 95, grade: 'A', signals: { demoRequested: true } })))
      .then([]);
  });

  it('stale scores, evaluated before the last applied ones, are ignored', () => {
    given(...historyOf(applyScores(mqlAt(1))))
      .when(applyScores(mqlAt(0, { signals: { demoRequested: true } })))
      .then([]);
  });
});

describe('decide: re-qualification', () => {
  const rejected = () =>
    historyOf(applyScores(sqlAt(0)), outcome('lead_rejected', { reason: 'student project, no budget' }, at(2)));

  it('a recycled lead showing new interest re-qualifies, counted on its own before the MQL and SQL', () => {
    const s = sqlAt(24 * 30, { signals: { bantEstablished: [...threeBant], demoRequested: true } });

    given(...rejected())
      .when(applyScores(s), { rotations: { 'emea-enterprise': 1 } })
      .then([
        event('lead_requalified', { fromStage: 'recycled', recycledFor: 'rejected_by_sales' }, s.evaluatedAt),
        event('lead_qualified_mql', { ...snapshotOf(s), fromStage: 'recycled' }, s.evaluatedAt),
        ...handedOff(s, 'score_and_bant', { ...anna, owner: 'chloe.martin' }),
      ]);
  });

  it('a recycled lead reaching MQL level only re-qualifies as an MQL', () => {
    const s = mqlAt(24 * 30);

    given(...rejected())
      .when(applyScores(s))
      .then([
        event('lead_requalified', { fromStage: 'recycled', recycledFor: 'rejected_by_sales' }, s.evaluatedAt),
        event('lead_qualified_mql', { ...snapshotOf(s), fromStage: 'recycled' }, s.evaluatedAt),
      ]);
  });

  it('scores that only decayed or were re-computed do not bring back a lead sales returned', () => {
    given(...rejected())
      .when(applyScores(sqlAt(3, { cause: 'decay' })))
      .then([]);
    given(...rejected())
      .when(applyScores(sqlAt(3, { cause: 'rescore' })))
      .then([]);
  });

  it('a recycled lead below MQL level stays recycled', () => {
    given(...rejected())
      .when(applyScores(scores({ evaluatedAt: at(24 * 30) })))
      .then([]);
  });
});

describe('decide: invariants', () => {
  it('refuses scores of another lead', () => {
    const s = { ...mqlAt(0), leadId: 'lead-7' };

    expect(() => given().when({ type: 'ApplyScores', leadId: LEAD, scores: s, now: s.evaluatedAt })).toThrow(/lead-7/);
  });

  it('refuses a command for another lead than its history', () => {
    const history = historyOf(applyScores(mqlAt(0)));
    const s = { ...mqlScores, ...sqlScores };

    expect(() => given(...history).when(applyScores(scores({ ...s, leadId: 'lead-7' })))).toThrow(/lead-42/);
  });
});
