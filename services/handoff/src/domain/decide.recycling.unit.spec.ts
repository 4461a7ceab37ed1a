import {
  applyScores,
  at,
  DAY_MS,
  event,
  fireTimer,
  given,
  historyOf,
  mqlAt,
  outcome,
  rules,
  scores,
  sqlAt,
  stateOf,
} from './leadFixtures.spec';
import { pendingTimers } from './pendingTimers';

const anna = 'anna.schmidt';
const accepted = [applyScores(sqlAt(0)), outcome('lead_accepted', { by: anna }, at(1))];
const noActivityFor30Days = 'no sales activity for 30 days';

describe('decide: recycling an accepted lead nobody works', () => {
  it('is recycled 30 days after the last sales activity', () => {
    const dueAt = at(1) + 30 * DAY_MS;
    expect(pendingTimers(stateOf(historyOf(...accepted)), rules)).toEqual([{ timer: 'no_sales_activity', dueAt }]);

    given(...historyOf(...accepted))
      .when(fireTimer('no_sales_activity', dueAt))
      .then([event('lead_recycled', { reason: 'no_sales_activity', fromStage: 'accepted', detail: noActivityFor30Days }, dueAt)]);
  });

  it('a contact restarts the clock', () => {
    const history = historyOf(...accepted, outcome('lead_contacted', { channel: 'email', by: anna }, at(24 * 10)));
    const dueAt = at(24 * 10) + 30 * DAY_MS;

    expect(pendingTimers(stateOf(history), rules)).toEqual([{ timer: 'no_sales_activity', dueAt }]);
    given(...history).when(fireTimer('no_sales_activity', at(1) + 30 * DAY_MS)).then([]);
    given(...history)
      .when(fireTimer('no_sales_activity', dueAt))
      .then([event('lead_recycled', { reason: 'no_sales_activity', fromStage: 'accepted', detail: noActivityFor30Days }, dueAt)]);
  });

  it('an open opportunity is not recycled for inactivity', () => {
    const history = historyOf(...accepted, outcome('opportunity_created', { amount: 20_000 }, at(48)));

    expect(pendingTimers(stateOf(history), rules)).toEqual([]);
  });
});

describe('decide: recycling a decayed MQL', () => {
  const fallsToF = (hours: number) => scores({ cause: 'decay', total: 15, grade: 'F', evaluatedAt: at(hours) });

  it('an MQL whose grade falls to F starts the decay clock, recycled after 21 days at F', () => {
    const f = fallsToF(24);
    const history = historyOf(applyScores(mqlAt(0)));

    const noted = given(...history)
      .when(applyScores(f))
      .then([event('mql_decay_started', { scoresEventId: f.eventId, total: 15, grade: 'F' }, at(24))]);
    const dueAt = at(24) + 21 * DAY_MS;
    expect(pendingTimers(stateOf([...history, ...noted]), rules)).toEqual([{ timer: 'decayed', dueAt }]);
    given(...history, ...noted)
      .when(fireTimer('decayed', dueAt))
      .then([event('lead_recycled', { reason: 'decayed', fromStage: 'mql', detail: 'grade F for 21 days' }, dueAt)]);
  });

  it('staying at F keeps the clock where it started', () => {
    given(...historyOf(applyScores(mqlAt(0)), applyScores(fallsToF(24))))
      .when(applyScores(fallsToF(48)))
      .then([]);
  });

  it('a grade rising above F clears the clock', () => {
    const d = scores({ total: 22, grade: 'D', evaluatedAt: at(48) });
    const history = historyOf(applyScores(mqlAt(0)), applyScores(fallsToF(24)));

    const cleared = given(...history)
      .when(applyScores(d))
      .then([event('mql_decay_cleared', { scoresEventId: d.eventId, total: 22, grade: 'D' }, at(48))]);
    expect(pendingTimers(stateOf([...history, ...cleared]), rules)).toEqual([]);
    given(...history, ...cleared).when(fireTimer('decayed', at(24) + 21 * DAY_MS)).then([]);
  });

  it('a decayed lead showing new interest re-qualifies, and the funnel knows why it had left', () => {
    const history = historyOf(applyScores(mqlAt(0)), applyScores(fallsToF(24)), fireTimer('decayed', at(24) + 21 * DAY_MS));
    const back = mqlAt(24 * 60);

    const [requalified] = given(...history)
      .when(applyScores(back))
      .then([expect.objectContaining({ type: 'lead_requalified' }), expect.objectContaining({ type: 'lead_qualified_mql' })]);
    expect(requalified?.payload).toEqual({ fromStage: 'recycled', recycledFor: 'decayed' });
  });
});
