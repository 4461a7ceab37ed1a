import type { Producer } from 'kafkajs';
import { Pool } from 'pg';
import { v5 as uuidv5 } from 'uuid';
import { connectPipeline, createLogger, createProducer, loadConfig, publishRecords, testing, type Pipeline, type RunningService } from '@leadflow/kit';
import type { LeadScored, LifecycleEvent, OutcomeEvent, SlaEvent } from '@leadflow/schemas';
import { handoffConfigSchema } from '../config';
import { startHandoff } from '../startHandoff';
import { writeRulesWithSla } from '../writeRulesWithSla';

const SLA_SECONDS = 3;
const NAMESPACE = '3c1f6a8e-5b2d-4e7f-8a9c-0d1e2f3a4b5c';

/** Scores that make a lead sales-qualified (grade B, three of BANT), as scoring publishes them. */
function qualifying(leadId: string, at: number, eventsApplied: number, consent: 'granted' | 'withdrawn' = 'granted'): LeadScored {
  return {
    eventId: uuidv5(`${leadId}/${eventsApplied}`, NAMESPACE),
    leadId,
    modelVersion: 'test',
    evaluatedAt: at,
    cause: 'event',
    causeEventIds: [],
    fit: 55,
    intent: 40,
    readiness: 60,
    total: 72,
    grade: 'B',
    breakdown: [],
    signals: { contactConsent: consent, unsubscribed: false, demoRequested: false, contactRequested: false, bantEstablished: ['budget', 'authority', 'need'] },
    eventsApplied,
    context: { profile: { country: 'US', companySize: 800 }, topFeatures: [], recentAssets: [], questions: [], bant: [] },
  };
}

function contacted(leadId: string, at: number): OutcomeEvent {
  return {
    eventId: uuidv5(`${leadId}/contacted`, NAMESPACE),
    leadId,
    occurredAt: at,
    receivedAt: Date.now(),
    source: 'crm',
    type: 'lead_contacted',
    payload: { channel: 'phone', by: 'jessica.lee' },
  } as OutcomeEvent;
}

describe('late inputs through Kafka', () => {
  let run: testing.IsolatedRun;
  let pipeline: Pipeline;
  let producer: Producer;
  let pool: Pool;
  let handoff: RunningService;

  const lifecycleOf = async (leadId: string, enough: (events: LifecycleEvent[]) => boolean) =>
    (await testing.collectRecords(pipeline.kafka, pipeline.codecs.lifecycle, (r) => enough(r.filter((e) => e.leadId === leadId)))).filter((e) => e.leadId === leadId);
  const slaOf = async (leadId: string, enough: (events: SlaEvent[]) => boolean) =>
    (await testing.collectRecords(pipeline.kafka, pipeline.codecs.sla, (r) => enough(r.filter((e) => e.leadId === leadId)))).filter((e) => e.leadId === leadId);
  const types = (events: { type: string }[]) => events.map((e) => e.type);

  beforeAll(async () => {
    run = await testing.isolatedRun('late-inputs');
    const env = { ...run.env, HANDOFF_RULES_FILE: writeRulesWithSla(SLA_SECONDS, 0), HANDOFF_TIMER_INTERVAL_MS: '100' };
    pipeline = await connectPipeline('late-inputs-test', loadConfig(handoffConfigSchema, env), createLogger('late-inputs-test', 'warn'));
    producer = await createProducer(pipeline.kafka);
    pool = new Pool({ connectionString: run.databaseUrl });
    handoff = await startHandoff(loadConfig(handoffConfigSchema, env));
  });

  afterAll(async () => {
    await handoff?.stop();
    await producer?.disconnect();
    await pool?.end();
    await run?.cleanUp();
  });

  it('consent withdrawn before the qualification in event time, arriving after it: no effective MQL or SQL, the CRM told', async () => {
    const leadId = `late-consent-${run.id}`;
    const at = Date.now() - 60_000;

    await publishRecords(producer, pipeline.codecs.scores, [qualifying(leadId, at, 7)]);
    const handedOff = await lifecycleOf(leadId, (e) => e.some((x) => x.type === 'lead_assigned'));
    // The withdrawal happened before, but scoring saw it after: the same moment, seen more fully.
    await publishRecords(producer, pipeline.codecs.scores, [qualifying(leadId, at, 8, 'withdrawn')]);
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
    const timers = await pool.query('select * from lead_timers where lead_id = $1', [leadId]);
    expect(timers.rows).toEqual([]);
  });

  it('a breach decided before a late contact arrived is retracted with its escalation, and the SLA is met', async () => {
    const leadId = `late-contact-${run.id}`;
    const at = Date.now();

    await publishRecords(producer, pipeline.codecs.scores, [qualifying(leadId, at, 5)]);
    const breached = await slaOf(leadId, (e) => e.some((x) => x.type === 'sla_breached'));
    const deadline = breached.find((e) => e.type === 'sla_breached')?.payload as { deadline: number };
    // The CRM reports, late, a call made before the deadline.
    await publishRecords(producer, pipeline.codecs.outcome, [contacted(leadId, deadline.deadline - 1_000)]);
    const corrected = await slaOf(leadId, (e) => e.some((x) => x.type === 'sla_met'));
    const lifecycle = await lifecycleOf(leadId, (e) => e.some((x) => x.type === 'lead_transition_retracted'));

    const afterBreach = types(corrected).slice(types(corrected).indexOf('sla_breached'));
    expect(afterBreach).toEqual(['sla_breached', 'sla_started', 'sla_retracted', 'sla_retracted', 'sla_met']);
    expect(lifecycle.filter((e) => e.type === 'lead_assigned').map((e) => e.payload.reason)).toEqual(['routed', 'escalated']);
    expect(lifecycle.at(-1)).toMatchObject({ type: 'lead_transition_retracted', payload: { retractedType: 'lead_assigned', stage: 'sql' } });
    const timers = await pool.query<{ timer: string }>('select timer from lead_timers where lead_id = $1', [leadId]);
    expect(timers.rows).toEqual([]);
  });
});
