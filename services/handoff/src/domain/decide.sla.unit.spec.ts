import {
  applyScores,
  at,
  event,
  fireTimer,
  given,
  historyOf,
  rules,
  run,
  sealed,
  sqlAt,
  stateOf,
  outcome,
} from './leadFixtures.spec';
import { pendingTimers } from './pendingTimers';

// The German enterprise lead becomes an SQL at hour 0: grade B, so sales has 24 hours. It is
// anna.schmidt's turn in emea-enterprise; tomasz.nowak is away, so chloe.martin is next.
const sql = applyScores(sqlAt(0));
const anna = 'anna.schmidt';
const chloe = 'chloe.martin';
const team = { team: 'emea-enterprise', rule: 'emea-enterprise' };

const firstBreach = [
  event('sla_breached', { owner: anna, deadline: at(24), attempt: 1 }, at(24)),
  event('lead_assigned', { owner: chloe, ...team, reason: 'escalated', previousOwner: anna }, at(24)),
  event('sla_started', { owner: chloe, team: team.team, deadline: at(48), grade: 'B', attempt: 2 }, at(24)),
];
const secondBreach = [
  event('sla_breached', { owner: chloe, deadline: at(48), attempt: 2 }, at(48)),
  event('lead_recycled', { reason: 'sla_breached', fromStage: 'sql', detail: 'no follow-up within 2 SLA deadline(s)' }, at(48)),
];

describe('decide: the SLA met in time', () => {
  it('leaves no SLA timer behind, only the no-activity clock of the accepted lead', () => {
    const history = historyOf(sql, outcome('lead_accepted', { by: anna }, at(1)));

    expect(pendingTimers(stateOf(history), rules)).toEqual([{ timer: 'no_sales_activity', dueAt: at(1 + 24 * 30) }]);
    given(...history).when(fireTimer('sla', at(24))).then([]);
  });
});

describe('decide: the SLA missed', () => {
  it('a first breach escalates to the next available owner of the team, with a new deadline from the breach', () => {
    expect(pendingTimers(stateOf(historyOf(sql)), rules)).toEqual([{ timer: 'sla', dueAt: at(24) }]);

    given(...historyOf(sql)).when(fireTimer('sla', at(24))).then(firstBreach);
  });

  it('the last breach recycles the lead, which keeps its owner and waits on no timer', () => {
    const history = historyOf(sql, fireTimer('sla', at(24)));

    const events = given(...history).when(fireTimer('sla', at(48))).then(secondBreach);
    const recycled = stateOf([...history, ...events]);
    expect(recycled).toMatchObject({ stage: 'recycled', recycledReason: 'sla_breached', owner: { owner: chloe } });
    expect(pendingTimers(recycled, rules)).toEqual([]);
  });

  it('the escalated owner meeting the new deadline ends the escalation', () => {
    given(...historyOf(sql, fireTimer('sla', at(24))))
      .when(outcome('lead_contacted', { channel: 'phone', by: chloe }, at(26)))
      .then([event('sla_met', { owner: chloe, metBy: 'lead_contacted', by: sealed(chloe), elapsedMs: 2 * 3_600_000 }, at(26))]);
  });
});

describe('decide: stream time', () => {
  it('a deadline passed before the next command fires first, at its own time', () => {
    given(...historyOf(sql))
      .when(outcome('lead_contacted', { channel: 'phone', by: chloe }, at(30)))
      .then([
        ...firstBreach,
        event('sla_met', { owner: chloe, metBy: 'lead_contacted', by: sealed(chloe), elapsedMs: 6 * 3_600_000 }, at(30)),
      ]);
  });

  it('the same history gives the same events and ids whether the timer was fired by the clock or not', () => {
    const contact = outcome('lead_contacted', { channel: 'phone', by: chloe }, at(30));

    expect(run([sql, fireTimer('sla', at(24)), contact]).events).toEqual(run([sql, contact]).events);
  });

  it('a clock that noticed late fires every due timer at its due time', () => {
    given(...historyOf(sql))
      .when(fireTimer('sla', at(24), at(100)))
      .then([...firstBreach, ...secondBreach]);
  });

  it('a refused command keeps the events of the timers that fell due before it', () => {
    given(...historyOf(sql))
      .when(outcome('lead_accepted', { by: chloe }, at(50)))
      .refused('lead_accepted refused: sales never received lead lead-42 (stage recycled)', [...firstBreach, ...secondBreach]);
  });
});

describe('decide: FireTimer is idempotent', () => {
  it('a timer fired twice fires once', () => {
    const history = historyOf(sql, fireTimer('sla', at(24)));

    given(...history).when(fireTimer('sla', at(24))).then([]);
  });

  it('a timer with another due time, one not pending, or one not due yet fires nothing', () => {
    given(...historyOf(sql)).when(fireTimer('sla', at(23), at(23))).then([]);
    given(...historyOf(sql)).when(fireTimer('decayed', at(12))).then([]);
    given(...historyOf(sql)).when(fireTimer('sla', at(24), at(23))).then([]);
  });
});
