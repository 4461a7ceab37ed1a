import { applyScores, historyOf, sqlAt, at, fireTimer } from './leadFixtures.spec';
import { nextRotations } from './nextRotations';

describe('nextRotations', () => {
  it('a routed assignment moves its team on by one turn; an escalation does not', () => {
    const events = historyOf(applyScores(sqlAt(0)), fireTimer('sla', at(24)));
    const before = { 'emea-enterprise': 4, 'na-sales': 2 };

    expect(events.filter((e) => e.type === 'lead_assigned')).toHaveLength(2);
    expect(nextRotations(before, events)).toEqual({ 'emea-enterprise': 5, 'na-sales': 2 });
    expect(before).toEqual({ 'emea-enterprise': 4, 'na-sales': 2 });
  });

  it('a team routed to for the first time starts from its first turn', () => {
    expect(nextRotations({}, historyOf(applyScores(sqlAt(0))))).toEqual({ 'emea-enterprise': 1 });
  });
});
