import { randomUUID } from 'node:crypto';
import { grades } from '@leadflow/schemas';
import { evaluateScores, foldActivity, initialLeadScoreState, type ScoringModel } from '@leadflow/scoring';
import { sampleJourneys, type Journey } from '../simulate/sampleJourneys';
import { compareModels, type LeadHistory, type ModelComparison } from './compareModels';
import { activityOf, defaultModel, defaultRules, generatedHistories, historiesOf, stricterModel } from './rescoreFixtures.spec';

const DAY_MS = 86_400_000;
/** 2026-03-01T12:00:00Z: the evaluation time, a minute after the journeys end. */
const AT = Date.parse('2026-03-01T12:00:00Z');
const MINUTE = 60_000;

const current = defaultModel();
const stricter = stricterModel();
const rules = defaultRules();
const personas = (): Journey[] => sampleJourneys(AT - MINUTE, 'golden');
const leadIdOf = (journeys: Journey[], name: string): string => journeys.find((j) => j.leadId.startsWith(name))?.leadId ?? '';

const given = (histories: LeadHistory[]) => ({
  when: (before: ScoringModel, after: ScoringModel) => compareModels(histories, { before, after }, rules, AT),
});

const leadOf = (comparison: ModelComparison, leadId: string) => {
  const lead = comparison.leads.find((l) => l.leadId === leadId);
  if (!lead) throw new Error(`no lead ${leadId}`);
  return lead;
};

/** A director at a served software company who reads the pricing page four times and nothing else. */
function pricingReader(leadId: string): LeadHistory {
  const view = (minutesAgo: number) => ({
    eventId: randomUUID(),
    type: 'page_viewed',
    occurredAt: new Date(AT - minutesAgo * MINUTE).toISOString(),
    leadId,
    payload: { url: '/pricing', durationSec: 90 },
  });
  const profile = {
    eventId: randomUUID(),
    type: 'profile_captured',
    occurredAt: new Date(AT - 10 * MINUTE).toISOString(),
    leadId,
    payload: { companySize: 600, industry: 'software', role: 'Director of IT', seniority: 'director', country: 'US' },
  };
  return { leadId, events: activityOf(leadId, [profile, view(4), view(3), view(2), view(1)], AT) };
}

describe('compareModels: golden journeys', () => {
  it('under stricter grades and cheaper pricing, Vera drops from A to B and Marco and Nadia from C to D; Sam stays F', () => {
    const journeys = personas();

    const comparison = given(historiesOf(journeys, AT)).when(current, stricter);

    const grade = (name: string) => {
      const lead = leadOf(comparison, leadIdOf(journeys, name));
      return [lead.before.evaluation.grade, lead.after.evaluation.grade];
    };
    expect([grade('vera'), grade('marco'), grade('nadia'), grade('sam')]).toEqual([['A', 'B'], ['C', 'D'], ['C', 'D'], ['F', 'F']]);
    expect(comparison.distribution).toEqual({
      before: { A: 1, B: 0, C: 2, D: 0, F: 1 },
      after: { A: 0, B: 1, C: 0, D: 2, F: 1 },
    });
    expect(comparison.matrix.A.B).toBe(1);
    expect(comparison.matrix.C.D).toBe(2);
    expect(comparison.matrix.F.F).toBe(1);
    expect(comparison.changed).toEqual({ total: 3, up: 0, down: 3 });
    expect(comparison.versions).toEqual({ before: 'default.v1', after: 'stricter.v2' });
  });

  it('hand-offs follow totals, not grades: Vera still becomes an SQL and Marco and Nadia MQLs', () => {
    const journeys = personas();

    const comparison = given(historiesOf(journeys, AT)).when(current, stricter);

    const stages = (name: string) => {
      const { before, after } = leadOf(comparison, leadIdOf(journeys, name));
      return [before.reachedMql, before.reachedSql, after.reachedMql, after.reachedSql];
    };
    expect(stages('vera')).toEqual([true, true, true, true]);
    expect(stages('marco')).toEqual([true, false, true, false]);
    expect(stages('nadia')).toEqual([true, false, true, false]);
    expect(stages('sam')).toEqual([false, false, false, false]);
    expect(comparison.stages.mql).toMatchObject({ reachedBefore: 3, reachedAfter: 3, onlyBefore: [], onlyAfter: [] });
    expect(comparison.stages.sql).toMatchObject({ reachedBefore: 1, reachedAfter: 1, onlyBefore: [], onlyAfter: [] });
  });

  it('a director who only reads the pricing page is an MQL under the current model and not once pricing is worth half', () => {
    const reader = pricingReader('pricing-reader');

    const comparison = given([reader]).when(current, stricter);

    expect(comparison.stages.mql).toEqual({ reachedBefore: 1, reachedAfter: 0, onlyBefore: ['pricing-reader'], onlyAfter: [] });
    expect(comparison.stages.sql.onlyBefore).toEqual([]);
  });
});

describe('compareModels: what it reports', () => {
  it('grades before are what folding each lead with the current model and evaluating at the given time gives', () => {
    const histories = [...historiesOf(personas(), AT), ...generatedHistories('gen', 60, AT)];

    const comparison = given(histories).when(current, stricter);

    const expected = { A: 0, B: 0, C: 0, D: 0, F: 0 };
    for (const { events } of histories) {
      const state = events.reduce((s, e) => foldActivity(s, e, current), initialLeadScoreState());
      expected[evaluateScores(state, current, AT).grade] += 1;
    }
    expect(comparison.distribution.before).toEqual(expected);
  });

  it('the matrix adds up: each row to the grades before, each column to the grades after, all to the leads', () => {
    const histories = generatedHistories('gen', 80, AT, 90, 7);

    const comparison = given(histories).when(current, stricter);

    for (const from of grades) {
      expect(grades.reduce((n, to) => n + comparison.matrix[from][to], 0)).toBe(comparison.distribution.before[from]);
      expect(grades.reduce((n, to) => n + comparison.matrix[to][from], 0)).toBe(comparison.distribution.after[from]);
    }
    expect(grades.reduce((n, g) => n + comparison.distribution.before[g], 0)).toBe(80);
    const off = grades.flatMap((from) => grades.filter((to) => to !== from).map((to) => comparison.matrix[from][to]));
    expect(off.reduce((a, b) => a + b, 0)).toBe(comparison.changed.total);
  });

  it('the same model on both sides changes nothing', () => {
    const histories = [...historiesOf(personas(), AT), ...generatedHistories('gen', 40, AT)];

    const comparison = given(histories).when(current, current);

    expect(comparison.changed).toEqual({ total: 0, up: 0, down: 0 });
    expect(comparison.distribution.after).toEqual(comparison.distribution.before);
    for (const stage of [comparison.stages.mql, comparison.stages.sql]) {
      expect([stage.onlyBefore, stage.onlyAfter]).toEqual([[], []]);
    }
  });

  it('the order the events come in does not matter: each history is replayed in event time', () => {
    const histories = [...historiesOf(personas(), AT), ...generatedHistories('gen', 30, AT)];
    const reversed = histories.map((h) => ({ ...h, events: [...h.events].reverse() }));

    expect(given(reversed).when(current, stricter)).toEqual(given(histories).when(current, stricter));
  });

  it('events beyond a model’s horizon are skipped, and counted, for that model only', () => {
    const journey = personas()[0] as Journey;
    const history = { leadId: journey.leadId, events: activityOf(journey.leadId, journey.events, AT + 20 * DAY_MS) };
    const shortHorizon = { ...current, version: 'short-horizon.v2', maxEventAgeDays: 10 };

    const comparison = given([history]).when(current, shortHorizon);

    const lead = leadOf(comparison, journey.leadId);
    expect(comparison.skipped).toEqual({ before: 0, after: history.events.length });
    expect([lead.before.applied.length, lead.after.applied.length]).toEqual([history.events.length, 0]);
    expect(lead.after.evaluation.grade).toBe('F');
    expect(comparison.events).toBe(history.events.length);
  });

  it('keeps what applying needs per lead: the new state and the events folded into it', () => {
    const journeys = personas();

    const comparison = given(historiesOf(journeys, AT)).when(current, stricter);

    const vera = leadOf(comparison, leadIdOf(journeys, 'vera'));
    expect(vera.after.state.eventsApplied).toBe(journeys[0]?.events.length);
    expect(vera.after.applied).toHaveLength(journeys[0]?.events.length ?? -1);
    expect(vera.after.evaluation).toEqual(evaluateScores(vera.after.state, stricter, AT));
    expect(comparison.latestEventAt).toBeLessThan(AT);
  });
});
