import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { Pool, types } from 'pg';
import { connectPipeline, createLogger, createPool, createProducer, inTransaction, loadConfig, migrate, publishRecords, testing, waitUntilCaughtUp, type Pipeline, type RunningService } from '@leadflow/kit';
import { topics } from '@leadflow/schemas';
import type { EngagementEvent, IdentityEvent, LeadScored, LifecycleEvent, OutcomeEvent, RecycledEvent, RecycleReason, SlaEvent, Touch } from '@leadflow/schemas';
import { projectionsConfigSchema } from '../config';
import { projectionMigrations } from '../db/migrations';
import { startProjections } from '../startProjections';
import { projectBatch, type ProjectedValue } from './projectBatch';
import { projectedTopics } from './projectedTopics';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 09:00 UTC two days ago: the history spans that day and the next, and today is the last day of the grade series. */
const T = Math.floor(Date.now() / DAY) * DAY - 2 * DAY + 9 * HOUR;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const paid = { campaignId: 'q4-pricing-webinar', utmSource: 'linkedin', utmMedium: 'paid-social' };
const search = { utmCampaign: 'roi-search', utmSource: 'google', utmMedium: 'cpc' };
const organic = { utmSource: 'google', utmMedium: 'organic' };
const newsletter = { campaignId: 'ops-newsletter', utmSource: 'newsletter', utmMedium: 'email' };

type Attribution = Partial<Pick<Touch, 'campaignId' | 'utmSource' | 'utmMedium' | 'utmCampaign'>>;

const touch = (occurredAt: number, attribution: Attribution): Touch => ({ eventId: randomUUID(), type: 'page_viewed', occurredAt, source: 'web', ...attribution });

function scores(leadId: string, evaluatedAt: number, grade: LeadScored['grade'], first: Touch, last: Touch = first, eventsApplied = 3): LeadScored {
  const total = { A: 85, B: 65, C: 45, D: 25, F: 5 }[grade];
  return {
    eventId: randomUUID(),
    leadId,
    modelVersion: 'default.v1',
    evaluatedAt,
    cause: 'event',
    causeEventIds: [],
    fit: 40,
    intent: 30,
    readiness: 20,
    total,
    grade,
    breakdown: [],
    signals: { contactConsent: 'unknown', unsubscribed: false, demoRequested: false, contactRequested: false, bantEstablished: [] },
    eventsApplied,
    context: { profile: {}, topFeatures: [], recentAssets: [], questions: [], bant: [], firstTouch: first, lastTouch: last },
  };
}

const lifecycle = <K extends LifecycleEvent['type']>(leadId: string, occurredAt: number, type: K, payload: Extract<LifecycleEvent, { type: K }>['payload']) =>
  ({ eventId: randomUUID(), leadId, occurredAt, type, payload }) as LifecycleEvent;
const snapshot = (grade: LeadScored['grade']) => ({ scoresEventId: randomUUID(), modelVersion: 'default.v1', total: 70, grade, fit: 40, intent: 30, readiness: 20 });
const mql = (leadId: string, at: number, grade: LeadScored['grade'], fromStage: 'lead' | 'recycled' = 'lead') =>
  lifecycle(leadId, at, 'lead_qualified_mql', { ...snapshot(grade), fromStage });
const sql = (leadId: string, at: number, grade: LeadScored['grade'], owner: string, team: string) =>
  lifecycle(leadId, at, 'lead_qualified_sql', {
    ...snapshot(grade),
    fromStage: 'mql',
    route: 'score_and_bant',
    bantEstablished: ['budget', 'need', 'timeline'],
    assignment: { owner, team, rule: team },
    slaDeadline: at + HOUR,
  });
const sla = <K extends SlaEvent['type']>(leadId: string, occurredAt: number, type: K, payload: Extract<SlaEvent, { type: K }>['payload']) =>
  ({ eventId: randomUUID(), leadId, occurredAt, type, payload }) as SlaEvent;
const started = (leadId: string, at: number, owner: string, team: string, attempt = 1) => sla(leadId, at, 'sla_started', { owner, team, deadline: at + HOUR, grade: 'B', attempt });
const recycled = (leadId: string, occurredAt: number, reason: RecycleReason): RecycledEvent => ({
  eventId: randomUUID(),
  leadId,
  occurredAt,
  type: 'lead_recycled',
  payload: { reason, fromStage: 'sql' },
});
const outcome = <K extends OutcomeEvent['type']>(leadId: string | undefined, occurredAt: number, type: K, payload: Extract<OutcomeEvent, { type: K }>['payload']) =>
  ({ eventId: randomUUID(), occurredAt, receivedAt: occurredAt, source: 'crm', ...(leadId && { leadId }), type, payload }) as OutcomeEvent;
const visitStarted = (subject: { leadId?: string; anonymousId?: string }, occurredAt: number, context: Attribution): EngagementEvent => ({
  eventId: randomUUID(),
  occurredAt,
  receivedAt: occurredAt,
  source: 'web',
  ...subject,
  context,
  type: 'session_started',
  payload: { returning: false },
});
const identified = (anonymousId: string, leadId: string, occurredAt: number): IdentityEvent => ({
  eventId: randomUUID(),
  occurredAt,
  receivedAt: occurredAt,
  source: 'web',
  leadId,
  type: 'lead_identified',
  payload: { anonymousId, leadId },
});

/**
 * Six leads, as the topics would tell them:
 * - wanda (paid campaign): MQL, SQL graded A, contacted in 15 minutes, accepted, an opportunity of
 *   40,000, won the next day for 42,000; she browsed anonymously first.
 * - bruno (organic): MQL and SQL at once, breached twice, recycled, re-qualified the next day and
 *   not contacted since.
 * - cora (paid campaign first, newsletter last): MQL only.
 * - sam (direct): graded F, never qualified.
 * - rex (search campaign by UTM): SQL, accepted without a contact.
 * - dora (direct): SQL graded C, an opportunity of 10,000 straight from SQL.
 */
function history(id: string) {
  const [wanda, bruno, cora, sam, rex, dora] = ['wanda', 'bruno', 'cora', 'sam', 'rex', 'dora'].map((name) => `${name}-${id}`) as [string, string, string, string, string, string];
  const visitor = `v-${id}`;
  const t = (minutes: number) => T + minutes * MINUTE;
  return {
    leads: { wanda, bruno, cora, sam, rex, dora },
    scores: [
      scores(wanda, t(0), 'C', touch(t(-60), paid)),
      scores(wanda, t(60), 'A', touch(t(-60), paid), touch(t(60), paid), 9),
      scores(bruno, t(120), 'B', touch(t(110), organic)),
      scores(cora, t(30), 'C', touch(t(20), paid), touch(t(30), newsletter)),
      // A grade crossing scoring computed before cora's last event arrived: stale, never a grade day.
      { ...scores(cora, t(30 + 24 * 60), 'D', touch(t(20), paid), touch(t(20), paid), 2), cause: 'decay' as const },
      scores(sam, t(40), 'F', touch(t(40), {})),
      scores(rex, t(180), 'B', touch(t(170), search)),
      scores(dora, t(200), 'C', touch(t(200), {})),
    ],
    lifecycle: [
      mql(wanda, t(0), 'C'),
      sql(wanda, t(60), 'A', 'malik.haddad', 'routing-specialists'),
      lifecycle(wanda, t(90), 'sales_accepted', { fromStage: 'sql', by: testing.sealedLike('malik.haddad') }),
      lifecycle(wanda, t(120), 'opportunity_opened', { fromStage: 'accepted', amount: 40_000 }),
      lifecycle(wanda, t(24 * 60), 'deal_won', { fromStage: 'opportunity', amount: 42_000 }),
      mql(bruno, t(120), 'B'),
      sql(bruno, t(120), 'B', 'lucas.moreau', 'scoring-specialists'),
      lifecycle(bruno, t(180), 'lead_assigned', { owner: 'sofia.rossi', team: 'scoring-specialists', rule: 'escalation', reason: 'escalated', previousOwner: 'lucas.moreau' }),
      lifecycle(bruno, t(24 * 60 + 60), 'lead_requalified', { fromStage: 'recycled', recycledFor: 'sla_breached' }),
      mql(bruno, t(24 * 60 + 60), 'B', 'recycled'),
      sql(bruno, t(24 * 60 + 60), 'B', 'sofia.rossi', 'scoring-specialists'),
      mql(cora, t(30), 'C'),
      mql(rex, t(180), 'B'),
      sql(rex, t(180), 'B', 'clara.jensen', 'routing-specialists'),
      lifecycle(rex, t(210), 'sales_accepted', { fromStage: 'sql' }),
      mql(dora, t(200), 'C'),
      sql(dora, t(200), 'C', 'ben.carter', 'inside-sales'),
      lifecycle(dora, t(245), 'opportunity_opened', { fromStage: 'sql', amount: 10_000 }),
    ],
    recycled: [recycled(bruno, t(240), 'sla_breached')],
    sla: [
      started(wanda, t(60), 'malik.haddad', 'routing-specialists'),
      sla(wanda, t(75), 'sla_met', { owner: 'malik.haddad', metBy: 'lead_contacted', by: testing.sealedLike('malik.haddad'), elapsedMs: 15 * MINUTE }),
      started(bruno, t(120), 'lucas.moreau', 'scoring-specialists'),
      sla(bruno, t(180), 'sla_breached', { owner: 'lucas.moreau', deadline: t(180), attempt: 1 }),
      started(bruno, t(180), 'sofia.rossi', 'scoring-specialists', 2),
      sla(bruno, t(240), 'sla_breached', { owner: 'sofia.rossi', deadline: t(240), attempt: 2 }),
      started(bruno, t(24 * 60 + 60), 'sofia.rossi', 'scoring-specialists'),
      started(rex, t(180), 'clara.jensen', 'routing-specialists'),
      started(dora, t(200), 'ben.carter', 'inside-sales'),
    ],
    /** Meetings of clocks started in an earlier batch: their team is looked up in the store. */
    laterSla: [
      sla(rex, t(210), 'sla_met', { owner: 'clara.jensen', metBy: 'lead_accepted', elapsedMs: 30 * MINUTE }),
      sla(dora, t(245), 'sla_met', { owner: 'ben.carter', metBy: 'opportunity_created', elapsedMs: 45 * MINUTE }),
    ],
    outcomes: [
      outcome(wanda, t(75), 'lead_contacted', { channel: 'phone', by: testing.sealedLike('malik.haddad') }),
      outcome(wanda, t(90), 'lead_accepted', { by: testing.sealedLike('malik.haddad') }),
      outcome(bruno, t(100), 'lead_contacted', { channel: 'email', by: testing.sealedLike('lucas.moreau') }),
      outcome(undefined, t(0), 'campaign_cost_recorded', { campaignId: 'q4-pricing-webinar', amount: 3_000, currency: 'EUR', from: t(-7 * 24 * 60), to: t(0) }),
      outcome(undefined, t(1), 'campaign_cost_recorded', { campaignId: 'q4-pricing-webinar', amount: 1_000, currency: 'EUR', from: t(0), to: t(24 * 60) }),
      outcome(undefined, t(2), 'campaign_cost_recorded', { campaignId: 'roi-search', amount: 1_000, currency: 'EUR', from: t(-7 * 24 * 60), to: t(0) }),
    ],
    engagement: [
      visitStarted({ anonymousId: visitor }, t(-60), paid),
      { ...visitStarted({ anonymousId: visitor }, t(-50), paid), type: 'page_viewed', payload: { url: '/pricing', durationSec: 90 } } as EngagementEvent,
      visitStarted({ anonymousId: `${visitor}-2` }, t(-30), paid),
      visitStarted({ anonymousId: `${visitor}-3` }, t(-20), organic),
      visitStarted({ leadId: bruno }, t(110), organic),
      visitStarted({ leadId: wanda }, t(60), paid),
      { ...visitStarted({ leadId: cora }, t(25), paid), type: 'page_viewed', payload: { url: '/blog' } } as EngagementEvent,
    ],
    identity: [identified(visitor, wanda, t(-10))],
  };
}

type Row = Record<string, unknown>;

/** How this test's own connections name themselves, to tell them from the service's. */
const TEST_CLIENT = 'read-models-test';

/** Every table and view analysts read, as rows. */
interface ReadModels {
  leads: Row[];
  transitions: Row[];
  sla: Row[];
  activity: Row[];
  costs: Row[];
  visitors: Row[];
  grades: Row[];
  funnel: Row[];
  slaPerformance: Row[];
  untouched: Row[];
  campaigns: Row[];
  calibration: Row[];
  distribution: Row[];
  metrics: Row[];
}

/** What the views say about the history, whichever order it was applied in. */
function expectViews(views: ReadModels, { bruno, rex }: ReturnType<typeof history>['leads']): void {
  const t = (minutes: number) => new Date(T + minutes * MINUTE).toISOString();
  const funnel = (campaign: string | null, source: string) =>
    views.funnel.filter((f) => f.campaign_id === campaign && f.source === source).map((f) => [f.day, f.new_leads, f.mql, f.sql, f.accepted, f.opportunities, f.won, f.requalified]);
  expect(funnel('q4-pricing-webinar', 'linkedin')).toEqual([
    [dayOf(T), 2, 2, 1, 1, 1, 0, 0],
    [dayOf(T + DAY), 0, 0, 0, 0, 0, 1, 0],
  ]);
  expect(funnel(null, 'google')).toEqual([
    [dayOf(T), 1, 1, 1, 0, 0, 0, 0],
    [dayOf(T + DAY), 0, 0, 0, 0, 0, 0, 1],
  ]);
  expect(views.funnel.find((f) => f.campaign_id === 'roi-search')).toMatchObject({ new_leads: 1, sql: 1, accepted: 1, sql_rate: '1.0000', avg_days_lead_to_sql: '0.00' });

  expect(views.slaPerformance.map((s) => [s.team, s.owner, s.started, s.met, s.breached, s.met_rate, s.median_minutes_to_first_touch])).toEqual([
    ['inside-sales', 'ben.carter', 1, 1, 0, '1.0000', '45.0'],
    ['routing-specialists', 'clara.jensen', 1, 1, 0, '1.0000', '30.0'],
    ['routing-specialists', 'malik.haddad', 1, 1, 0, '1.0000', '15.0'],
    ['scoring-specialists', 'lucas.moreau', 1, 0, 1, '0.0000', null],
    ['scoring-specialists', 'sofia.rossi', 2, 0, 1, '0.0000', null],
  ]);

  // Bruno was contacted before his first hand-off, never since the second; Rex was accepted, never contacted.
  expect(views.untouched).toEqual([
    { lead_id: bruno, owner: 'sofia.rossi', team: 'scoring-specialists', grade: 'B', sql_at: t(24 * 60 + 60) },
    { lead_id: rex, owner: 'clara.jensen', team: 'routing-specialists', grade: 'B', sql_at: t(180) },
  ].sort((a, b) => a.lead_id.localeCompare(b.lead_id)));

  expect(views.campaigns.map((c) => [c.campaign_id, c.spend, c.currency, c.leads, c.qualified_leads, c.cost_per_lead, c.cost_per_qualified_lead, c.pipeline_amount, c.won_amount, c.first_touch_leads, c.last_touch_leads])).toEqual([
    ['ops-newsletter', '0', null, 0, 0, null, null, '0', '0', 0, 1],
    ['q4-pricing-webinar', '4000', 'EUR', 2, 1, '2000.00', '4000.00', '40000', '42000', 2, 1],
    ['roi-search', '1000', 'EUR', 1, 1, '1000.00', '1000.00', '0', '0', 1, 1],
  ]);

  expect(views.calibration.map((c) => [c.grade, c.leads, c.opportunities, c.won, c.opportunity_rate, c.win_rate])).toEqual([
    ['A', 1, 1, 1, '1.0000', '1.0000'],
    ['B', 2, 0, 0, '0.0000', '0.0000'],
    ['C', 2, 1, 0, '0.5000', '0.0000'],
    ['F', 1, 0, 0, '0.0000', '0.0000'],
  ]);

  const onDay = (day: string) => views.distribution.filter((d) => d.day === day).map((d) => [d.grade, d.leads]);
  expect(onDay(dayOf(T))).toEqual([['A', 1], ['B', 2], ['C', 2], ['F', 1]]);
  expect(onDay(dayOf(Date.now()))).toEqual(onDay(dayOf(T)));

  expect(views.metrics.map((m) => [m.metric, m.value, m.numerator, m.denominator])).toEqual([
    ['lead_capture_conversion', '0.5000', '2', '4'],
    ['sales_accepted_lead_rate', '0.7500', '3', '4'],
    ['cost_per_qualified_lead', '1250.00', '5000', '4'],
    ['lead_to_opportunity_rate', '0.3333', '2', '6'],
    ['marketing_sourced_pipeline', '0.8000', '40000', '50000'],
  ]);
}

describe('projections on the real broker, registry and Postgres', () => {
  let run: testing.IsolatedRun;
  let projections: RunningService;
  let pipeline: Pipeline;
  let producer: Producer;
  let pool: Pool;
  let groupId: string;

  beforeAll(async () => {
    run = await testing.isolatedRun('projections');
    const config = loadConfig(projectionsConfigSchema, { ...run.env, DASHBOARD_PORT: '0' });
    groupId = `${run.namespace}${config.PROJECTIONS_GROUP_ID}`;
    pipeline = await connectPipeline('projections-test', config, createLogger('projections-test', 'warn'));
    producer = await createProducer(pipeline.kafka);
    projections = await startProjections(config);
    // Days read as the 'YYYY-MM-DD' they are, not as midnight in this process's time zone.
    const dateAsText = (oid: number, format?: 'text' | 'binary') => (oid === types.builtins.DATE ? (value: string) => value : types.getTypeParser(oid, format as 'text'));
    pool = new Pool({ connectionString: run.databaseUrl, application_name: TEST_CLIENT, options: '-c search_path=analytics', types: { getTypeParser: dateAsText as never } });
  });

  afterAll(async () => {
    await projections?.stop();
    await producer?.disconnect();
    // A stopped pool closes its idle connections without waiting for them; dropping the database
    // under one still closing would surface as an error of that pool. Wait until they are gone.
    const deadline = Date.now() + 5_000;
    while (pool && Date.now() < deadline) {
      const { rows } = await pool.query<{ others: number }>(
        'select count(*)::int as others from pg_stat_activity where datname = current_database() and application_name <> $1',
        [TEST_CLIENT],
      );
      if (rows[0]?.others === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await pool?.end();
    await run?.cleanUp();
  });

  /** Waits until projections stored offsets up to the end of every topic it reads. */
  const projected = async (timeoutMs = 30_000) => {
    const admin = pipeline.kafka.admin();
    await admin.connect();
    try {
      const topics = projectedTopics.map((key) => pipeline.codecs[key].topicName);
      await waitUntilCaughtUp(admin, pool, [{ groupId, topics }], { timeoutMs, pollMs: 200 });
    } finally {
      await admin.disconnect();
    }
  };

  const publish = async (h: ReturnType<typeof history>, part: 'all' | 'first' | 'later') => {
    if (part !== 'later') {
      await publishRecords(producer, pipeline.codecs.scores, h.scores);
      await publishRecords(producer, pipeline.codecs.lifecycle, h.lifecycle);
      await publishRecords(producer, pipeline.codecs.recycled, h.recycled);
      await publishRecords(producer, pipeline.codecs.sla, h.sla);
      await publishRecords(producer, pipeline.codecs.outcome, h.outcomes);
      await publishRecords(producer, pipeline.codecs.engagement, h.engagement);
      await publishRecords(producer, pipeline.codecs.identity, h.identity);
    }
    if (part !== 'first') await publishRecords(producer, pipeline.codecs.sla, h.laterSla);
  };

  /** Everything analysts can read in `schema`, but the wall clock: row write times and hours waited. */
  const everything = async (schema = 'analytics') => {
    const client = await pool.connect();
    try {
      await client.query(`set search_path = ${schema}`);
      const rows = async (sql: string): Promise<Row[]> =>
        (await client.query(sql)).rows.map((r: Row) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])));
      return await readModels(rows);
    } finally {
      await client.query('set search_path = analytics');
      client.release();
    }
  };

  const readModels = async (rows: (sql: string) => Promise<Row[]>): Promise<ReadModels> => ({
    leads: await rows('select * from lead_current order by lead_id').then((r) => r.map(({ updated_at: _, ...rest }) => rest)),
    transitions: await rows('select * from lead_transitions order by event_id'),
    sla: await rows('select * from sla_facts order by event_id'),
    activity: await rows('select * from sales_activity order by event_id'),
    costs: await rows('select * from campaign_costs order by event_id'),
    visitors: await rows('select * from visitors order by subject_id'),
    grades: await rows('select * from grade_daily order by day, lead_id'),
    funnel: await rows('select * from funnel_daily order by day, campaign_id, source'),
    slaPerformance: await rows('select * from sla_performance order by team, owner'),
    untouched: await rows('select lead_id, owner, team, grade, sql_at from untouched_sqls order by lead_id'),
    campaigns: await rows('select * from campaign_performance order by campaign_id'),
    calibration: await rows('select * from grade_calibration order by grade'),
    distribution: await rows('select * from grade_distribution_daily order by day, grade'),
    metrics: await rows('select * from success_metrics'),
  });

  it('projects a history into the views analysts query, and a second delivery changes nothing', async () => {
    const h = history(run.id);
    const { wanda, bruno, cora, sam, dora } = h.leads;
    const t = (minutes: number) => new Date(T + minutes * MINUTE).toISOString();

    await publish(h, 'first');
    await projected();
    await publish(h, 'later');
    await projected();
    const once = await everything();

    const lead = (id: string) => once.leads.find((l) => l.lead_id === id);
    expect(lead(wanda)).toMatchObject({
      stage: 'won',
      grade: 'A',
      owner: 'malik.haddad',
      team: 'routing-specialists',
      first_touch_at: t(-60),
      first_touch_campaign: 'q4-pricing-webinar',
      first_touch_source: 'linkedin',
      grade_at_mql: 'C',
      grade_at_sql: 'A',
      opportunity_amount: '40000',
      won_amount: '42000',
      marketing_sourced: true,
    });
    expect(lead(bruno)).toMatchObject({ stage: 'sql', owner: 'sofia.rossi', sql_at: t(120), recycled_at: t(240), requalified_count: 1 });
    expect(lead(cora)).toMatchObject({ stage: 'mql', first_touch_campaign: 'q4-pricing-webinar', last_touch_campaign: 'ops-newsletter' });
    expect(lead(dora)).toMatchObject({ stage: 'opportunity', accepted_at: t(245), marketing_sourced: false, first_touch_source: 'web' });
    expect(lead(sam)).toMatchObject({ stage: 'lead', grade: 'F' });

    expectViews(once, h.leads);

    await publish(h, 'all');
    await projected();

    expect(await everything()).toEqual(once);
  });

  it('gives the same rows when the topics are applied in another order, record by record', async () => {
    const h = history(`${run.id}-order`);
    const schema = 'analytics_reordered';
    const reordered = await createPool(run.databaseUrl, { schema });
    const apply = projectBatch();
    const topicRecords = (key: keyof typeof topics, values: ProjectedValue[]) =>
      values.map((value, i) => ({ value, topic: `${run.namespace}${topics[key].name}`, partition: 0, offset: String(i), key: null, raw: null, headers: {} }));
    const byTopic = [
      topicRecords('sla', [...h.sla, ...h.laterSla]),
      topicRecords('recycled', h.recycled),
      topicRecords('identity', h.identity),
      topicRecords('outcome', h.outcomes),
      topicRecords('lifecycle', h.lifecycle),
      topicRecords('engagement', h.engagement),
      topicRecords('scores', h.scores),
    ];
    try {
      await migrate(reordered, 'projections', projectionMigrations);
      // The service applies the history as published; the other schema gets the SLA topic first,
      // then every topic backwards, one record per transaction.
      await publish(h, 'first');
      await publish(h, 'later');
      await projected();
      for (const records of byTopic) {
        for (const record of [...records].reverse()) await inTransaction(reordered, (tx) => apply([record], tx));
      }
      const live = await everything();
      const fromOtherOrder = await everything(schema);
      const mine = (rows: Row[]) => rows.filter((r) => Object.values(r).some((v) => typeof v === 'string' && v.includes(`${run.id}-order`)));

      const withoutTeam = (rows: Row[]) => rows.map(({ team: _, ...rest }) => rest);

      expect(mine(fromOtherOrder.leads)).toEqual(mine(live.leads));
      expect(mine(fromOtherOrder.transitions)).toEqual(mine(live.transitions));
      expect(withoutTeam(mine(fromOtherOrder.sla))).toEqual(withoutTeam(mine(live.sla)));
      expect(mine(fromOtherOrder.visitors)).toEqual(mine(live.visitors));
      expect(mine(fromOtherOrder.grades)).toEqual(mine(live.grades));
      expect(live.grades.filter((r) => r.lead_id === h.leads.cora).map((r) => r.grade)).toEqual(['C']);
      expectViews(fromOtherOrder, h.leads);
    } finally {
      await reordered.end();
    }
  });
});
