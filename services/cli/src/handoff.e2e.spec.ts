import { Pool } from 'pg';
import { connectPipeline, createLogger, loadConfig, testing, type Pipeline, type Stoppable } from '@leadflow/kit';
import { ingestConfigSchema, signWebhook, startIngest } from '@leadflow/ingest';
import { scoringConfigSchema, startScoring } from '@leadflow/scoring';
import { effectiveEvents, handoffConfigSchema, isRetraction, startHandoff, topicOfLeadEvent, writeRulesWithSla, type LeadEvent as DecidedEvent } from '@leadflow/handoff';
import type { LifecycleEvent, RecycledEvent, SlaEvent } from '@leadflow/schemas';
import { postEvents } from './simulate/postEvents';
import { sampleJourneys, type PostedEventBody } from './simulate/sampleJourneys';

const API_KEY = 'e2e-key-0002';
const WEBHOOK_SECRET = 'crm-secret-0123456789';
const SLA_SECONDS = 8;
type LeadEvent = LifecycleEvent | SlaEvent | RecycledEvent;

/** Events re-timed to the last few seconds, under another lead id, in the order given. */
function now(events: PostedEventBody[], leadId: string): PostedEventBody[] {
  const t = Date.now();
  return events.map((e, i) => ({ ...e, leadId, eventId: crypto.randomUUID(), occurredAt: new Date(t - (events.length - i) * 50).toISOString() }));
}

/** Vera's self-qualifying journey split in two: what she browsed, then what she told us and asked for. */
function sqlJourney(extraFeatures: string[] = []): { browsing: PostedEventBody[]; qualifying: PostedEventBody[] } {
  const vera = sampleJourneys(Date.now())[0]?.events ?? [];
  const extra = extraFeatures.map((feature) => ({ ...vera[4], type: 'feature_explored', payload: { feature, durationSec: 200 } })) as PostedEventBody[];
  const isQualifying = (e: PostedEventBody) => ['qualification_captured', 'demo_requested'].includes(e.type);
  return { browsing: [...vera.filter((e) => !isQualifying(e)), ...extra], qualifying: vera.filter(isQualifying) };
}

describe('hand-off to sales, end to end', () => {
  let run: testing.IsolatedRun;
  let services: Stoppable[] = [];
  let ingestUrl: string;
  let pipeline: Pipeline;
  let env: Record<string, string>;
  let pool: Pool;

  const postOutcome = async (body: unknown, options: { secret?: string; at?: number; signature?: string } = {}) => {
    const raw = JSON.stringify(body);
    const signature = options.signature ?? signWebhook(options.secret ?? WEBHOOK_SECRET, Math.floor((options.at ?? Date.now()) / 1000), raw);
    const response = await fetch(`${ingestUrl}/v1/outcomes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-leadflow-source': 'crm', 'leadflow-signature': signature },
      body: raw,
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
  };
  const outcome = (leadId: string, type: string, payload: Record<string, unknown>) => ({
    type,
    leadId,
    occurredAt: new Date().toISOString(),
    payload,
  });
  const collectLeadEvents = async (enough: (events: LeadEvent[]) => boolean, timeoutMs = 30_000) => {
    const read = async () => [
      ...(await testing.readTopic(pipeline.kafka, pipeline.codecs.lifecycle)),
      ...(await testing.readTopic(pipeline.kafka, pipeline.codecs.sla)),
      ...(await testing.readTopic(pipeline.kafka, pipeline.codecs.recycled)),
    ].sort((a, b) => a.occurredAt - b.occurredAt);
    const deadline = Date.now() + timeoutMs;
    let events = await read();
    while (!enough(events) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      events = await read();
    }
    return events;
  };

  beforeAll(async () => {
    run = await testing.isolatedRun('handoff');
    env = {
      ...run.env,
      INGEST_PORT: '0',
      INGEST_API_KEYS: `${API_KEY}:e2e`,
      INGEST_WEBHOOK_SECRETS: `crm:${WEBHOOK_SECRET}`,
      HANDOFF_RULES_FILE: writeRulesWithSla(SLA_SECONDS),
      HANDOFF_TIMER_INTERVAL_MS: '100',
    };
    const ingest = await startIngest(loadConfig(ingestConfigSchema, env));
    ingestUrl = ingest.url;
    services = [ingest, await startScoring(loadConfig(scoringConfigSchema, env)), await startHandoff(loadConfig(handoffConfigSchema, env))];
    pool = new Pool({ connectionString: run.databaseUrl });
    pipeline = await connectPipeline('handoff-e2e', loadConfig(ingestConfigSchema, env), createLogger('handoff-e2e', 'warn'));
  });

  afterAll(async () => {
    await pool?.end();
    for (const service of services.reverse()) await service.stop();
    await run?.cleanUp();
  });

  it('refuses webhooks whose signature is missing, wrong or stale, with the reason', async () => {
    const body = outcome('nobody', 'lead_contacted', { channel: 'phone', by: 'x' });

    const missing = await postOutcome(body, { signature: '' });
    const wrong = await postOutcome(body, { secret: 'not-the-secret-0000' });
    const stale = await postOutcome(body, { at: Date.now() - 10 * 60 * 1000 });

    expect([missing.status, missing.body.error?.code]).toEqual([401, 'missing_signature']);
    expect([wrong.status, wrong.body.error?.code]).toEqual([401, 'invalid_signature']);
    expect([stale.status, stale.body.error?.code]).toEqual([401, 'stale_signature']);
  });

  it('routes, meets, breaches, escalates, recycles, respects consent, and replays to the same net lifecycle', async () => {
    const rita = `rita-${run.id}`;
    const bruno = `bruno-${run.id}`;
    const rex = `rex-${run.id}`;
    const cora = `cora-${run.id}`;
    const journeys = { [rita]: sqlJourney(['routing', 'routing', 'routing']), [bruno]: sqlJourney(), [rex]: sqlJourney(['reporting', 'reporting', 'reporting']) };
    const marco = sampleJourneys(Date.now())[1]?.events ?? [];
    const scored = (leadIds: string[], count: (id: string) => number) =>
      testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (r) => leadIds.every((id) => r.some((s) => s.leadId === id && s.eventsApplied === count(id))));
    const sqlOf = (events: LeadEvent[], leadId: string) =>
      events.find((e): e is Extract<LifecycleEvent, { type: 'lead_qualified_sql' }> => e.leadId === leadId && e.type === 'lead_qualified_sql');
    const has = (events: LeadEvent[], leadId: string, type: LeadEvent['type']) => events.some((e) => e.leadId === leadId && e.type === type);

    // What they browsed is scored first; then they tell us their BANT and ask for a demo.
    for (const [leadId, journey] of Object.entries(journeys)) expect((await postEvents(ingestUrl, API_KEY, now(journey.browsing, leadId))).status).toBe(202);
    expect((await postEvents(ingestUrl, API_KEY, now(marco, cora))).status).toBe(202);
    await scored([rita, bruno, rex, cora], (id) => (id === cora ? marco.length : (journeys[id]?.browsing.length ?? 0)));
    for (const [leadId, journey] of Object.entries(journeys)) expect((await postEvents(ingestUrl, API_KEY, now(journey.qualifying, leadId))).status).toBe(202);
    const withdrawn = { ...marco[0], type: 'consent_changed', payload: { purpose: 'contact', granted: false } } as PostedEventBody;
    expect((await postEvents(ingestUrl, API_KEY, now([withdrawn], cora))).status).toBe(202);
    const qualified = await collectLeadEvents((events) => [rita, bruno, rex].every((id) => sqlOf(events, id)) && has(events, cora, 'lead_marked_do_not_contact'));

    // Sales calls Rita in time and rejects Rex; nobody calls Bruno. Cora asks for a demo after
    // withdrawing consent, and the CRM reports an acceptance sales never could have made.
    expect((await postOutcome(outcome(rita, 'lead_contacted', { channel: 'phone', by: 'malik.haddad' }))).status).toBe(202);
    expect((await postOutcome(outcome(rex, 'lead_rejected', { reason: 'student project' }))).status).toBe(202);
    expect((await postEvents(ingestUrl, API_KEY, now([{ ...withdrawn, type: 'demo_requested', payload: {} }], cora))).status).toBe(202);
    expect((await postOutcome(outcome(cora, 'lead_accepted', { by: 'ben.carter' }))).status).toBe(202);

    const recycledFor = (events: LeadEvent[], leadId: string) =>
      events.find((e): e is RecycledEvent => e.leadId === leadId && e.type === 'lead_recycled')?.payload.reason;
    const all = await collectLeadEvents(
      (events) => recycledFor(events, bruno) === 'sla_breached' && recycledFor(events, rex) === 'rejected_by_sales' && has(events, rita, 'sla_met'),
      60_000,
    );
    const letters = await testing.collectRecords(pipeline.kafka, pipeline.codecs.deadLetter, (r) => r.some((l) => l.reason.includes(cora)));
    // The order of a lead's events is its stream's, in the event store (committed just after the
    // events are published, so wait until it holds all of them); notes kept only there are left out.
    const readStreamsOrdered = () =>
      pool.query<{ stream_id: string; event_id: string; type: string }>('select stream_id, event_id, type from events order by stream_id, stream_version');
    let { rows } = await readStreamsOrdered();
    for (let i = 0; i < 50 && !all.every((e) => rows.some((r) => r.event_id === e.eventId)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ({ rows } = await readStreamsOrdered());
    }
    const published = (type: string) => topicOfLeadEvent({ type } as never) !== undefined;
    const typesOf = (leadId: string) => rows.filter((r) => r.stream_id === `lead-${leadId}` && published(r.type)).map((r) => r.type);

    expect(sqlOf(qualified, rita)?.payload.assignment).toEqual({ owner: 'malik.haddad', team: 'routing-specialists', rule: 'routing-specialist' });
    expect(sqlOf(qualified, rita)?.payload.context?.questions.length).toBeGreaterThan(0);
    expect(sqlOf(qualified, rita)?.payload.slaDeadline).toBeGreaterThan(0);
    expect(typesOf(rita)).toEqual(['lead_qualified_mql', 'lead_qualified_sql', 'lead_assigned', 'sla_started', 'sla_met']);
    expect(typesOf(bruno)).toEqual([
      'lead_qualified_mql', 'lead_qualified_sql', 'lead_assigned', 'sla_started',
      'sla_breached', 'lead_assigned', 'sla_started', 'sla_breached', 'lead_recycled',
    ]);
    const brunoOwners = all.filter((e): e is Extract<LifecycleEvent, { type: 'lead_assigned' }> => e.leadId === bruno && e.type === 'lead_assigned');
    expect(brunoOwners.map((e) => e.payload.reason)).toEqual(['routed', 'escalated']);
    expect(brunoOwners[1]?.payload.previousOwner).toBe(brunoOwners[0]?.payload.owner);
    expect(typesOf(rex)).toEqual(['lead_qualified_mql', 'lead_qualified_sql', 'lead_assigned', 'sla_started', 'sales_rejected', 'sla_cancelled', 'lead_recycled']);
    expect(typesOf(cora)).toEqual(['lead_qualified_mql', 'lead_marked_do_not_contact']);
    expect(letters.find((l) => l.reason.includes(cora))?.reason).toMatch(/lead_accepted refused: sales never received lead/);

    // Replay: a second hand-off with a fresh event store reads the same scores and outcomes from the
    // beginning and ends each lead in the same net lifecycle: the same transitions, at the same event
    // times, with the same content, once its compensations are applied; a lead whose history took no
    // detour (no retraction) in either run has exactly the same events with the same ids, since ids
    // derive from content. (The three SQLs went to three teams: round-robin inside one team follows
    // arrival order.)
    const replayDb = `${run.databaseUrl}_replay`;
    const replay = await startHandoff(loadConfig(handoffConfigSchema, { ...env, DATABASE_URL: replayDb, HANDOFF_GROUP_ID: 'leadflow-handoff-replay' }));
    services.push(replay);
    const leads = [rita, bruno, rex, cora];
    const netLifecycles = async (databaseUrl: string) => {
      const store = new Pool({ connectionString: databaseUrl });
      try {
        const { rows } = await store.query<{ stream_id: string; data: DecidedEvent }>('select stream_id, data from events order by stream_id, stream_version');
        return leads.map((leadId) => {
          const stream = rows.filter((r) => r.stream_id === `lead-${leadId}`).map((r) => r.data);
          const net = effectiveEvents(stream).map((e) => ({ type: e.type, at: e.occurredAt, payload: e.payload }));
          return { lifecycle: { leadId, net }, detour: stream.some(isRetraction), published: effectiveEvents(stream).map((e) => [e.type, e.eventId]) };
        });
      } finally {
        await store.end();
      }
    };
    const expected = await netLifecycles(run.databaseUrl);
    let replayed = await netLifecycles(replayDb);
    const lifecycles = (of: typeof expected) => of.map((l) => l.lifecycle);
    for (let i = 0; i < 300 && JSON.stringify(lifecycles(replayed)) !== JSON.stringify(lifecycles(expected)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      replayed = await netLifecycles(replayDb);
    }
    expect(lifecycles(replayed)).toEqual(lifecycles(expected));
    const straight = leads.filter((_, i) => !expected[i]?.detour && !replayed[i]?.detour);
    expect(straight.length).toBeGreaterThan(0);
    for (const leadId of straight) {
      const i = leads.indexOf(leadId);
      expect({ leadId, ids: replayed[i]?.published }).toEqual({ leadId, ids: expected[i]?.published });
    }
    await replay.stop();
    services.pop();
    await testing.dropDatabase(replayDb);
  });
});
