import { publishRecords, testing } from '@leadflow/kit';
import type { LifecycleEvent, OutcomeEvent, SlaEvent } from '@leadflow/schemas';
import { writeRulesWithSla } from '../writeRulesWithSla';
import { outcomeId, qualifying, startHandoffUnderTest, type HandoffUnderTest } from './handoffUnderTest.spec';

const SLA_SECONDS = 3;

function contacted(leadId: string, at: number): OutcomeEvent {
  return {
    eventId: outcomeId(leadId, 'contacted'),
    leadId,
    occurredAt: at,
    receivedAt: Date.now(),
    source: 'crm',
    type: 'lead_contacted',
    payload: { channel: 'phone', by: testing.sealedLike('jessica.lee') },
  } as OutcomeEvent;
}

describe('late inputs through Kafka', () => {
  let h: HandoffUnderTest;

  const lifecycleOf = async (leadId: string, enough: (events: LifecycleEvent[]) => boolean) =>
    (await testing.collectRecords(h.pipeline.kafka, h.pipeline.codecs.lifecycle, (r) => enough(r.filter((e) => e.leadId === leadId)))).filter((e) => e.leadId === leadId);
  const slaOf = async (leadId: string, enough: (events: SlaEvent[]) => boolean) =>
    (await testing.collectRecords(h.pipeline.kafka, h.pipeline.codecs.sla, (r) => enough(r.filter((e) => e.leadId === leadId)))).filter((e) => e.leadId === leadId);
  const types = (events: { type: string }[]) => events.map((e) => e.type);

  beforeAll(async () => {
    h = await startHandoffUnderTest('late-inputs', writeRulesWithSla(SLA_SECONDS, 0));
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('consent withdrawn before the qualification in event time, arriving after it: no effective MQL or SQL, the CRM told', async () => {
    const leadId = `late-consent-${h.run.id}`;
    // now, not in the past: the SLA deadline (3 s on) must not be due before the second score arrives
    const at = Date.now();

    await publishRecords(h.producer, h.pipeline.codecs.scores, [qualifying(leadId, at, 7)]);
    const handedOff = await lifecycleOf(leadId, (e) => e.some((x) => x.type === 'lead_assigned'));
    // The withdrawal happened before, but scoring saw it after: the same moment, seen more fully.
    await publishRecords(h.producer, h.pipeline.codecs.scores, [qualifying(leadId, at, 8, { consent: 'withdrawn' })]);
    const told = await lifecycleOf(leadId, (e) => e.some((x) => x.type === 'lead_marked_do_not_contact'));
    const sla = await slaOf(leadId, (e) => e.some((x) => x.type === 'sla_retracted'));

    expect(types(handedOff)).toEqual(['lead_qualified_mql', 'lead_qualified_sql', 'lead_assigned']);
    expect(types(told)).toEqual([
      'lead_qualified_mql',
      'lead_qualified_sql',
      'lead_assigned',
      'lead_transition_retracted',
      'lead_qualification_retracted',
      'lead_qualification_retracted',
      'lead_marked_do_not_contact',
    ]);
    const retracted = told.filter((e) => e.type === 'lead_qualification_retracted').map((e) => e.payload);
    expect(retracted).toEqual([
      expect.objectContaining({ retractedType: 'lead_qualified_sql', stage: 'lead', reason: expect.stringMatching(/consent/) }),
      expect.objectContaining({ retractedType: 'lead_qualified_mql', stage: 'lead' }),
    ]);
    expect(types(sla)).toEqual(['sla_started', 'sla_retracted']);
    const timers = await h.pool.query('select * from lead_timers where lead_id = $1', [leadId]);
    expect(timers.rows).toEqual([]);
  });

  it('a breach decided before a late contact arrived is retracted with its escalation, and the SLA is met', async () => {
    const leadId = `late-contact-${h.run.id}`;
    const at = Date.now();

    await publishRecords(h.producer, h.pipeline.codecs.scores, [qualifying(leadId, at, 5)]);
    const breached = await slaOf(leadId, (e) => e.some((x) => x.type === 'sla_breached'));
    const deadline = breached.find((e) => e.type === 'sla_breached')?.payload as { deadline: number };
    // The CRM reports, late, a call made before the deadline.
    await publishRecords(h.producer, h.pipeline.codecs.outcome, [contacted(leadId, deadline.deadline - 1_000)]);
    const corrected = await slaOf(leadId, (e) => e.some((x) => x.type === 'sla_met'));
    const lifecycle = await lifecycleOf(leadId, (e) => e.some((x) => x.type === 'lead_transition_retracted'));

    const afterBreach = types(corrected).slice(types(corrected).indexOf('sla_breached'));
    expect(afterBreach).toEqual(['sla_breached', 'sla_started', 'sla_retracted', 'sla_retracted', 'sla_met']);
    expect(lifecycle.filter((e) => e.type === 'lead_assigned').map((e) => e.payload.reason)).toEqual(['routed', 'escalated']);
    expect(lifecycle.at(-1)).toMatchObject({ type: 'lead_transition_retracted', payload: { retractedType: 'lead_assigned', stage: 'sql' } });
    const timers = await h.pool.query<{ timer: string }>('select timer from lead_timers where lead_id = $1', [leadId]);
    expect(timers.rows).toEqual([]);
  });
});
