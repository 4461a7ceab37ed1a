import { applyScores, at, germanEnterprise, MINUTE_MS, rules, sqlAt } from '../leadFixtures.spec';
import { pendingTimers } from '../pendingTimers';
import { deliver, inputOf, revised, typesOf } from './compensationFixtures.spec';

const settling = { ...rules, sqlSettlingSeconds: 300 };

describe('a hand-off settles before it is decided', () => {
  it('qualifies as MQL at once, and hands off once the window has passed, with the latest scores of that moment', () => {
    const partial = sqlAt(0, { eventsApplied: 7, intent: 4.5, context: { ...germanEnterprise, topFeatures: [] } });
    const complete = revised(partial, { eventsApplied: 14, intent: 43.5, context: germanEnterprise });

    const waiting = deliver([inputOf(applyScores(partial)), inputOf(applyScores(complete))], { rules: settling });
    // The MQL decided on the partial picture is re-issued with the complete one.
    expect(typesOf(waiting.stream)).toEqual(['lead_qualified_mql', 'lead_qualification_retracted', 'lead_qualified_mql']);
    expect(pendingTimers(waiting.state, settling)).toEqual([{ timer: 'sql_settled', dueAt: at(0) + 5 * MINUTE_MS }]);

    const handedOff = deliver([], { rules: settling, clock: at(0) + 5 * MINUTE_MS, from: waiting });
    const sql = handedOff.stream.find((e) => e.type === 'lead_qualified_sql');
    expect(typesOf(handedOff.appended[0] ?? [])).toEqual(['lead_qualified_sql', 'lead_assigned', 'sla_started']);
    expect(sql?.occurredAt).toBe(at(0) + 5 * MINUTE_MS);
    expect(sql?.payload).toMatchObject({ scoresEventId: complete.eventId, intent: 43.5, context: germanEnterprise });
  });

  it('a withdrawal within the window hands nothing to sales', () => {
    const qualifying = sqlAt(0);
    const withdrawn = sqlAt(0, { eventsApplied: qualifying.eventsApplied + 1, evaluatedAt: at(0) + MINUTE_MS, signals: { contactConsent: 'withdrawn' } });

    const run = deliver([inputOf(applyScores(qualifying)), inputOf(applyScores(withdrawn))], { rules: settling, clock: at(1) });

    expect(typesOf(run.stream)).toEqual(['lead_qualified_mql', 'lead_marked_do_not_contact']);
    expect(pendingTimers(run.state, settling)).toEqual([]);
  });

  it('scores falling below SQL within the window drop the hand-off', () => {
    const qualifying = sqlAt(0);
    const fallen = sqlAt(0, { eventsApplied: qualifying.eventsApplied + 1, evaluatedAt: at(0) + MINUTE_MS, signals: { bantEstablished: [] } });

    const run = deliver([inputOf(applyScores(qualifying)), inputOf(applyScores(fallen))], { rules: settling, clock: at(1) });

    expect(typesOf(run.stream)).toEqual(['lead_qualified_mql']);
    expect(run.state.stage).toBe('mql');
  });
});
