import { applyScores, at, event, fireTimer, given, historyOf, mqlAt, outcome, rules, sqlAt, stateOf } from './leadFixtures.spec';
import { pendingTimers } from './pendingTimers';

const withdrawn = { contactConsent: 'withdrawn' } as const;
const marked = (hours: number) => event('lead_marked_do_not_contact', { reason: 'contact consent withdrawn' }, at(hours));

describe('decide: contact consent withdrawn', () => {
  it('marks a new lead do-not-contact once, and hands nothing to sales', () => {
    given()
      .when(applyScores(sqlAt(0, { signals: { ...withdrawn, demoRequested: true } })))
      .then([marked(0)]);
  });

  it('an MQL withdrawing is marked and not handed over, then or later', () => {
    const history = historyOf(applyScores(mqlAt(0)), applyScores(sqlAt(1, { signals: withdrawn })));

    expect(history.map((e) => e.type)).toEqual(['lead_qualified_mql', 'lead_marked_do_not_contact']);
    given(...history)
      .when(applyScores(sqlAt(2, { signals: { contactConsent: 'granted', demoRequested: true } })))
      .then([]);
  });

  it('an SQL withdrawing mid-way: marked, its SLA cancelled, no timer left, no breach, still with sales', () => {
    const history = historyOf(applyScores(sqlAt(0)));

    const events = given(...history)
      .when(applyScores(sqlAt(3, { signals: withdrawn })))
      .then([marked(3), event('sla_cancelled', { owner: 'anna.schmidt', reason: 'contact consent withdrawn' }, at(3))]);
    const after = [...history, ...events];
    expect(stateOf(after)).toMatchObject({ stage: 'sql', doNotContact: true });
    expect(pendingTimers(stateOf(after), rules)).toEqual([]);
    given(...after).when(fireTimer('sla', at(24))).then([]);
    given(...after)
      .when(outcome('lead_accepted', {}, at(30)))
      .then([event('sales_accepted', { fromStage: 'sql' }, at(30))]);
  });

  it('a do-not-contact lead is never marked again', () => {
    given(...historyOf(applyScores(mqlAt(0, { signals: withdrawn }))))
      .when(applyScores(mqlAt(1, { signals: withdrawn })))
      .then([]);
  });
});
