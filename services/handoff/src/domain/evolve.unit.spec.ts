import { evolve } from './evolve';
import { applyScores, at, historyOf, mqlAt, outcome, scores, sqlAt, stateOf } from './leadFixtures.spec';
import { initialLeadLifecycleState } from './leadLifecycleState';

describe('evolve', () => {
  it('follows a lead from SQL to won: stage, owner, the SLA clock and the last sales activity', () => {
    const s = sqlAt(0);
    const history = historyOf(
      applyScores(s),
      outcome('lead_contacted', { channel: 'phone', by: 'anna.schmidt' }, at(2)),
      outcome('lead_accepted', {}, at(3)),
    );

    expect(stateOf(history)).toEqual({
      leadId: 'lead-42',
      stage: 'accepted',
      doNotContact: false,
      transitions: 6,
      lastScores: { scoresEventId: s.eventId, evaluatedAt: at(0), total: 72, grade: 'B' },
      owner: { owner: 'anna.schmidt', team: 'emea-enterprise', rule: 'emea-enterprise' },
      sla: undefined,
      decayedSince: undefined,
      lastSalesActivityAt: at(3),
    });
  });

  it('remembers the pending SLA of an SQL', () => {
    expect(stateOf(historyOf(applyScores(sqlAt(0)))).sla).toEqual({
      owner: 'anna.schmidt',
      team: 'emea-enterprise',
      grade: 'B',
      attempt: 1,
      startedAt: at(0),
      deadline: at(24),
    });
  });

  it('remembers since when an MQL has been at F, and why a lead was recycled', () => {
    const decayed = historyOf(applyScores(mqlAt(0)), applyScores(scores({ total: 12, grade: 'F', evaluatedAt: at(5) })));
    expect(stateOf(decayed)).toMatchObject({ stage: 'mql', decayedSince: at(5), lastScores: { evaluatedAt: at(5), grade: 'F' } });

    const rejected = historyOf(applyScores(sqlAt(0)), outcome('lead_rejected', { reason: 'no budget' }, at(1)));
    expect(stateOf(rejected)).toMatchObject({ stage: 'recycled', recycledReason: 'rejected_by_sales', recycledAt: at(1) });
  });

  it('refuses an SLA started for a grade that does not exist', () => {
    const started = historyOf(applyScores(sqlAt(0))).find((e) => e.type === 'sla_started');
    if (started?.type !== 'sla_started') throw new Error('expected sla_started');

    expect(() => evolve(initialLeadLifecycleState(), { ...started, payload: { ...started.payload, grade: 'Z' } })).toThrow(/Z/);
  });
});
