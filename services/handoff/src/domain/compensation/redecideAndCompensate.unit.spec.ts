import { applyScores, at, DAY_MS, expectPublishable, HOUR_MS, LEAD, mqlAt, outcome, rules, sqlAt } from '../leadFixtures.spec';
import { topicOfLeadEvent } from '../topicOfLeadEvent';
import { deliver, inputOf, netOf, revised, typesOf } from './compensationFixtures.spec';
import { CONSENT_WITHDRAWN_EARLIER, LATE_INPUT, redecideAndCompensate } from './redecideAndCompensate';

const withdrawn = { contactConsent: 'withdrawn' } as const;

describe('re-decision in event-time order with compensating events', () => {
  it('inputs in event-time order only ever append, as the decider decides them', () => {
    const { appended, stream } = deliver([inputOf(applyScores(mqlAt(0))), inputOf(applyScores(sqlAt(1))), inputOf(outcome('lead_accepted', {}, at(2)))]);

    expect(appended.map(typesOf)).toEqual([
      ['lead_qualified_mql'],
      ['lead_qualified_sql', 'lead_assigned', 'sla_started'],
      ['sales_accepted', 'sla_met'],
    ]);
    expect(new Set(stream.map((e) => e.eventId)).size).toBe(stream.length);
    expectPublishable(stream);
  });

  it('a redelivered input appends nothing', () => {
    const scores = inputOf(applyScores(sqlAt(1)));
    const { appended } = deliver([scores, scores, scores]);

    expect(appended.map(typesOf)).toEqual([['lead_qualified_mql', 'lead_qualified_sql', 'lead_assigned', 'sla_started'], [], []]);
  });

  it('consent withdrawn earlier in event time, arriving after the qualifying score: the MQL is retracted and the CRM told', () => {
    const qualifying = mqlAt(1);
    const late = revised(qualifying, { signals: { ...qualifying.signals, ...withdrawn } });

    const { appended, stream, state } = deliver([inputOf(applyScores(qualifying)), inputOf(applyScores(late))]);

    const mql = stream[0];
    expect(appended[1]).toEqual([
      expect.objectContaining({
        type: 'lead_qualification_retracted',
        occurredAt: at(1) + 1,
        payload: { retractedEventId: mql?.eventId, retractedType: 'lead_qualified_mql', reason: CONSENT_WITHDRAWN_EARLIER, stage: 'lead' },
      }),
      expect.objectContaining({ type: 'lead_marked_do_not_contact', occurredAt: at(1) }),
    ]);
    expect(appended[1]?.every((e) => topicOfLeadEvent(e) === 'lifecycle')).toBe(true);
    expect(state).toMatchObject({ stage: 'lead', doNotContact: true });
    expect(typesOf(netOf(stream) as never)).toEqual(['lead_marked_do_not_contact']);
    expectPublishable(stream);
  });

  it('consent withdrawn before an SQL in event time: SLA, owner, SQL and MQL are retracted newest first, no timer is left', () => {
    const qualifying = sqlAt(2);
    const late = revised(qualifying, { signals: { ...qualifying.signals, ...withdrawn } });

    const { appended, state } = deliver([inputOf(applyScores(qualifying)), inputOf(applyScores(late))]);

    expect(typesOf(appended[1] ?? [])).toEqual([
      'sla_retracted',
      'lead_transition_retracted',
      'lead_qualification_retracted',
      'lead_qualification_retracted',
      'lead_marked_do_not_contact',
    ]);
    expect(appended[1]?.slice(0, 4).map((e) => (e.payload as { retractedType: string }).retractedType)).toEqual([
      'sla_started',
      'lead_assigned',
      'lead_qualified_sql',
      'lead_qualified_mql',
    ]);
    expect(state.sla).toBeUndefined();
    expect(state.stage).toBe('lead');
  });

  it('the same inputs in event-time order end in the same net lifecycle', () => {
    const qualifying = sqlAt(2);
    const late = revised(qualifying, { signals: { ...qualifying.signals, ...withdrawn } });

    const shuffled = deliver([inputOf(applyScores(qualifying)), inputOf(applyScores(late))]);
    const chronological = deliver([inputOf(applyScores(late))]);

    expect(netOf(shuffled.stream)).toEqual(netOf(chronological.stream));
    expect(shuffled.state).toEqual(chronological.state);
  });

  it('an SLA breach decided before a late contact arrived is retracted, with the escalation, and the SLA met instead', () => {
    const qualifying = inputOf(applyScores(sqlAt(0)));
    const sql = deliver([qualifying]);
    const deadline = sql.state.sla?.deadline as number;
    const breached = deliver([], { clock: deadline, from: sql });
    expect(typesOf(breached.appended.at(-1) ?? [])).toEqual(['sla_breached', 'lead_assigned', 'sla_started']);

    const contactedInTime = outcome('lead_contacted', { channel: 'phone', by: 'anna.schmidt' }, deadline - HOUR_MS / 2);
    const corrected = deliver([inputOf(contactedInTime)], { from: breached });

    expect(typesOf(corrected.appended[0] ?? [])).toEqual(['sla_retracted', 'lead_transition_retracted', 'sla_retracted', 'sla_met']);
    expect(corrected.appended[0]?.[0]?.payload).toMatchObject({ retractedType: 'sla_started', reason: LATE_INPUT, stage: 'sql' });
    expect(corrected.state.sla).toBeUndefined();
    expect(netOf(corrected.stream)).toEqual(netOf(deliver([qualifying, inputOf(contactedInTime)], { clock: deadline }).stream));
  });

  it('a compensation is stamped just after the decisions that hold, so an outcome arriving later is the latest stage change', () => {
    // Given an SQL breached twice by the clock and recycled
    const sql = deliver([inputOf(applyScores(sqlAt(0)))]);
    const deadline = sql.state.sla?.deadline as number;
    const recycled = deliver([], { clock: deadline + 2 * DAY_MS, from: sql });
    expect(recycled.state.stage).toBe('recycled');

    // When a contact before the first deadline arrives late, then the acceptance of the next day
    const contacted = deadline - HOUR_MS / 2;
    const corrected = deliver([inputOf(outcome('lead_contacted', { channel: 'phone', by: 'anna.schmidt' }, contacted))], { from: recycled });
    const accepted = deliver([inputOf(outcome('lead_accepted', {}, deadline + HOUR_MS))], { from: corrected });

    // Then the compensation comes just after the contact that now holds, before the acceptance
    const retractions = (corrected.appended[0] ?? []).filter((e) => e.type.endsWith('_retracted'));
    expect(retractions.map((e) => e.occurredAt)).toEqual(retractions.map(() => contacted + 1));
    expect(retractions.map((e) => (e.payload as { stage: string }).stage)).toEqual(retractions.map(() => 'sql'));
    expect(typesOf(accepted.appended[0] ?? [])).toEqual(['sales_accepted']);
    expect(accepted.state.stage).toBe('accepted');
  });

  it('a decay recycle fired by the clock is retracted when a score from before it, showing new interest, arrives late', () => {
    const mql = inputOf(applyScores(mqlAt(0, { eventsApplied: 1 })));
    const decayed = inputOf(applyScores(mqlAt(24, { eventsApplied: 1, cause: 'decay', total: 15, grade: 'F' })));
    const dueAt = at(24) + rules.recycling.decayedDays * DAY_MS;
    const recycled = deliver([mql, decayed], { clock: dueAt });
    expect(typesOf(recycled.appended.at(-1) ?? [])).toEqual(['lead_recycled']);

    const active = inputOf(applyScores(mqlAt(24 * 10, { eventsApplied: 2 })));
    const corrected = deliver([active], { from: recycled, clock: dueAt });

    expect(typesOf(corrected.appended[0] ?? [])).toEqual(['lead_recycle_retracted']);
    expect(corrected.appended[0]?.[0]?.payload).toMatchObject({ retractedType: 'lead_recycled', stage: 'mql' });
    expect(corrected.state).toMatchObject({ stage: 'mql', decayedSince: undefined });
    expect(netOf(corrected.stream)).toEqual(netOf(deliver([mql, decayed, active], { clock: dueAt }).stream));
  });

  it('an outcome that arrives before the scores that let the lead take it is held, then applied in event-time order', () => {
    const accepted = outcome('lead_accepted', {}, at(3));
    const { appended, state } = deliver([inputOf(accepted), inputOf(applyScores(sqlAt(1)))]);

    expect(appended[0]).toEqual([]);
    expect(typesOf(appended[1] ?? [])).toEqual(['lead_qualified_mql', 'lead_qualified_sql', 'lead_assigned', 'sla_started', 'sales_accepted', 'sla_met']);
    expect(state.stage).toBe('accepted');
  });

  it('an outcome the re-decided lead can no longer take is retracted and held, with the refusal', () => {
    const qualifying = sqlAt(1);
    const late = revised(qualifying, { signals: { ...qualifying.signals, ...withdrawn } });
    const accepted = outcome('lead_accepted', {}, at(2));

    const run = deliver([inputOf(applyScores(qualifying)), inputOf(accepted), inputOf(applyScores(late))]);

    expect(typesOf(run.appended[2] ?? []).slice(0, 2)).toEqual(['sla_retracted', 'lead_transition_retracted']);
    expect(run.state.stage).toBe('lead');
    expect(typesOf(netOf(run.stream) as never)).toEqual(['lead_marked_do_not_contact']);
  });

  it('a re-decided hand-off keeps the owner it was routed to, whatever turn round-robin has reached', () => {
    const qualifying = inputOf(applyScores(sqlAt(1)));
    const sql = deliver([qualifying]);
    const routed = sql.stream.find((e) => e.type === 'lead_assigned');
    const earlierMql = inputOf(applyScores(mqlAt(0.5)));

    const result = redecideAndCompensate(LEAD, sql.stream, [qualifying, earlierMql], at(1), rules, { 'emea-enterprise': 1 });

    expect(typesOf(result.append)).toContain('lead_assigned');
    expect(result.append.find((e) => e.type === 'lead_assigned')?.payload).toEqual(routed?.payload);
    expect(typesOf(result.append).filter((t) => t.endsWith('_retracted'))).toHaveLength(4);
  });
});
