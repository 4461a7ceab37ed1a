import { Pool } from 'pg';
import { connectPipeline, createLogger, loadConfig, MasterKeys, SubjectKeyring, testing, type Pipeline, type Stoppable } from '@leadflow/kit';
import { ingestConfigSchema, startIngest } from '@leadflow/ingest';
import { evaluateScores, loadScoringModel, scoringConfigSchema, startScoring, type LeadScoreState } from '@leadflow/scoring';
import { handoffConfigSchema, startHandoff } from '@leadflow/handoff';
import { projectionsConfigSchema, startProjections } from '@leadflow/projections';
import type { LeadScored } from '@leadflow/schemas';
import { chronologicalDeliveries, disorderedDeliveries, type Delivery } from './simulate/convergenceDeliveries';
import { convergenceJourneys, type ConvergenceJourney } from './simulate/convergenceJourneys';
import { postEvents } from './simulate/postEvents';
import { postOutcomes } from './simulate/postOutcomes';
import { seededRandom } from './simulate/seededRandom';

// CONVERGENCE_SEED replays a failure; CONVERGENCE_JOURNEYS runs more leads locally.
const SEED = Number(process.env.CONVERGENCE_SEED ?? 20_261_202);
const JOURNEYS = Number(process.env.CONVERGENCE_JOURNEYS ?? 56);
const API_KEY = 'e2e-key-0008';
const WEBHOOK_SECRET = 'crm-secret-convergence-0008';
const CONCURRENT_REQUESTS = 3;
const MAX_BATCH = 40;

/** One isolated pipeline: its own topics and database, and its four services. */
interface Pipe {
  label: string;
  run: testing.IsolatedRun;
  env: Record<string, string>;
  ingestUrl: string;
  services: Map<'ingest' | 'scoring' | 'handoff' | 'projections', Stoppable>;
  pipeline: Pipeline;
  pool: Pool;
}

/** Starts a pipeline; what started is stopped and its topics and database dropped if a step fails. */
async function startPipe(label: string): Promise<Pipe> {
  const run = await testing.isolatedRun(label);
  const env = { ...run.env, INGEST_PORT: '0', INGEST_API_KEYS: `${API_KEY}:e2e`, INGEST_WEBHOOK_SECRETS: `crm:${WEBHOOK_SECRET}`, INGEST_MAX_EVENTS_PER_REQUEST: '100', DASHBOARD_PORT: '0' };
  const services: Pipe['services'] = new Map();
  try {
    const ingest = await startIngest(loadConfig(ingestConfigSchema, env));
    services.set('ingest', ingest);
    services.set('scoring', await startScoring(loadConfig(scoringConfigSchema, env)));
    services.set('handoff', await startHandoff(loadConfig(handoffConfigSchema, env)));
    services.set('projections', await startProjections(loadConfig(projectionsConfigSchema, env)));
    const pipeline = await connectPipeline(`${label}-reader`, loadConfig(ingestConfigSchema, env), createLogger(label, 'warn'));
    return { label, run, env, ingestUrl: ingest.url, services, pipeline, pool: new Pool({ connectionString: run.databaseUrl }) };
  } catch (error) {
    for (const service of [...services.values()].reverse()) await service.stop();
    await run.cleanUp();
    throw error;
  }
}

async function stopPipe(pipe: Pipe | undefined): Promise<void> {
  if (!pipe) return;
  await pipe.pool.end();
  for (const service of [...pipe.services.values()].reverse()) await service.stop();
  await pipe.run.cleanUp();
}

/** Stops scoring and hand-off and starts them again, while ingest goes on accepting. */
async function restartScoringAndHandoff(pipe: Pipe): Promise<void> {
  await pipe.services.get('scoring')?.stop();
  await pipe.services.get('handoff')?.stop();
  pipe.services.set('scoring', await startScoring(loadConfig(scoringConfigSchema, pipe.env)));
  pipe.services.set('handoff', await startHandoff(loadConfig(handoffConfigSchema, pipe.env)));
}

async function deliver(pipe: Pipe, delivery: Delivery): Promise<void> {
  const result =
    delivery.endpoint === 'events'
      ? await postEvents(pipe.ingestUrl, API_KEY, delivery.bodies)
      : await postOutcomes(pipe.ingestUrl, 'crm', WEBHOOK_SECRET, delivery.bodies);
  if (result.status !== 202) throw new Error(`seed ${SEED}: ${pipe.label} got ${result.status} for ${delivery.endpoint}: ${JSON.stringify(result.body)}`);
}

/** `CONCURRENT_REQUESTS` clients taking the next request from one queue; `halfway` runs once half are sent. */
async function deliverConcurrently(pipe: Pipe, deliveries: Delivery[], halfway: () => Promise<void>): Promise<void> {
  let next = 0;
  let restart: Promise<void> | undefined;
  const client = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++] as Delivery;
      if (next >= deliveries.length / 2 && !restart) restart = halfway();
      await deliver(pipe, delivery);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, client));
  await restart;
}

type StateRow = { lead_id: string; state: LeadScoreState; stream_time: string; next_crossing_at: string | null };
type LeadRow = { lead_id: string; stage: string; do_not_contact: boolean; grade: string | null; total: number | null; milestones: string[] };

const MILESTONES = ['mql_at', 'sql_at', 'accepted_at', 'opportunity_at', 'won_at', 'lost_at', 'recycled_at', 'disqualified_at'];

/** Each pipeline seals under its own keys: personal fields are compared by what they seal. */
const keyringOf = (pipe: Pipe): SubjectKeyring => new SubjectKeyring(pipe.pool, MasterKeys.fromEnvironment(pipe.env));

async function readScoringState(pipe: Pipe): Promise<StateRow[]> {
  const { rows } = await pipe.pool.query<StateRow>('select lead_id, state, stream_time, next_crossing_at from public.lead_score_state order by lead_id');
  const keyring = keyringOf(pipe);
  return Promise.all(rows.map(async (row) => ({ ...row, state: (await testing.openSealedIn(keyring, row.state)) as StateRow['state'] })));
}

async function readLeads(pipe: Pipe): Promise<LeadRow[]> {
  const { rows } = await pipe.pool
    .query<LeadRow>(
      `select lead_id, stage, do_not_contact, grade, total,
         array_remove(array[${MILESTONES.map((m) => `case when ${m} is not null then '${m.replace('_at', '')}' end`).join(', ')}], null) as milestones
       from analytics.lead_current order by lead_id`,
    )
    .catch(() => ({ rows: [] as LeadRow[] }));
  return rows;
}

async function appliedCount(pipe: Pipe): Promise<number> {
  const { rows } = await pipe.pool.query<{ n: string }>('select count(*) as n from public.scoring_applied_events').catch(() => ({ rows: [{ n: '0' }] }));
  return Number(rows[0]?.n ?? 0);
}

async function dueCrossings(pipe: Pipe, nowMs: number): Promise<number> {
  const { rows } = await pipe.pool.query<{ n: string }>('select count(*) as n from public.lead_score_state where next_crossing_at <= $1', [nowMs]);
  return Number(rows[0]?.n ?? 0);
}

async function dueTimers(pipe: Pipe, nowMs: number): Promise<number> {
  const { rows } = await pipe.pool.query<{ n: string }>('select count(*) as n from public.lead_timers where due_at <= $1', [nowMs]).catch(() => ({ rows: [{ n: '1' }] }));
  return Number(rows[0]?.n ?? 0);
}

type StoredOffset = { group_id: string; topic: string; partition: number; next_offset: string };

/** Whether every consumer group of the pipeline (scoring, hand-off, projections) has applied every record of the topics it reads. */
async function consumersCaughtUp(pipe: Pipe): Promise<boolean> {
  const { rows } = await pipe.pool
    .query<StoredOffset>('select group_id, topic, partition, next_offset from public.consumer_offsets union all select group_id, topic, partition, next_offset from analytics.consumer_offsets')
    .catch(() => ({ rows: [] as StoredOffset[] }));
  const admin = pipe.pipeline.kafka.admin();
  await admin.connect();
  try {
    for (const topic of new Set(rows.map((r) => r.topic))) {
      const highs = await admin.fetchTopicOffsets(topic);
      for (const group of new Set(rows.filter((r) => r.topic === topic).map((r) => r.group_id))) {
        const stored = (partition: number) => rows.find((r) => r.group_id === group && r.topic === topic && r.partition === partition)?.next_offset ?? '0';
        if (highs.some(({ partition, high }) => BigInt(stored(partition)) < BigInt(high))) return false;
      }
    }
    return rows.length > 0;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until every event is applied, no crossing or timer is due, every consumer has applied all it
 * reads, and nothing changed downstream for `quietMs` (a restarted consumer may take a while to rejoin).
 */
async function settle(pipe: Pipe, expectedEvents: number, { timeoutMs = 120_000, quietMs = 4000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const applied = await appliedCount(pipe);
    const snapshot = JSON.stringify([applied, await readLeads(pipe), await readScoringState(pipe).catch(() => [])]);
    if (snapshot !== last) [last, stableSince] = [snapshot, Date.now()];
    const done =
      applied === expectedEvents &&
      (await dueCrossings(pipe, Date.now())) === 0 &&
      (await dueTimers(pipe, Date.now())) === 0 &&
      Date.now() - stableSince >= quietMs &&
      (await consumersCaughtUp(pipe));
    if (done) return;
    if (Date.now() > deadline) throw new Error(`seed ${SEED}: ${pipe.label} did not settle: ${applied} of ${expectedEvents} events applied`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Events scoring applies: a lead's own, and a visitor's once the visitor is identified. */
function scoredEventCount(journeys: readonly ConvergenceJourney[]): number {
  const identified = new Set(journeys.flatMap((j) => j.events.filter((e) => e.type === 'lead_identified').map((e) => e.payload?.anonymousId)));
  return journeys.flatMap((j) => j.events).filter((e) => e.leadId !== undefined || identified.has(e.anonymousId)).length;
}

// Decayed sums agree to the last bits only up to the order of floating-point additions.
const rounded = (value: unknown): unknown =>
  typeof value === 'number' && !Number.isInteger(value)
    ? Number(value.toPrecision(10))
    : Array.isArray(value)
      ? value.map(rounded)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]))
        : value;

/** Each lead's last published score, without what names the record or depends on publication order. */
async function lastScores(pipe: Pipe): Promise<Map<string, unknown>> {
  const records = await testing.readTopic(pipe.pipeline.kafka, pipe.pipeline.codecs.scores);
  const last = new Map<string, LeadScored>();
  for (const r of records) {
    const seen = last.get(r.leadId);
    if (!seen || r.eventsApplied > seen.eventsApplied || (r.eventsApplied === seen.eventsApplied && r.evaluatedAt > seen.evaluatedAt)) last.set(r.leadId, r);
  }
  const keyring = keyringOf(pipe);
  const opened = await Promise.all([...last].map(async ([leadId, { eventId: _id, causeEventIds: _causes, previousGrade: _previous, ...content }]) => [leadId, rounded(await testing.openSealedIn(keyring, content))] as const));
  return new Map(opened);
}

/** The leads on which two per-lead views differ, with both sides. */
function differences<T>(label: string, a: Map<string, T>, b: Map<string, T>) {
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  return ids
    .filter((id) => JSON.stringify(a.get(id)) !== JSON.stringify(b.get(id)))
    .map((id) => ({ seed: SEED, what: label, leadId: id, chronological: a.get(id), disordered: b.get(id) }));
}

describe('convergence: the same events in any order, duplicated, batched and across restarts, end in the same leads', () => {
  const model = loadScoringModel(loadConfig(scoringConfigSchema, {}).SCORING_MODEL_FILE);
  let chronological: Pipe | undefined;
  let disordered: Pipe | undefined;
  let evaluatedAt: number;

  beforeAll(async () => {
    const now = Date.now();
    evaluatedAt = now;
    const random = seededRandom(SEED);
    const journeys = convergenceJourneys(JOURNEYS, now, random, `s${SEED}`);
    const inOrder = (chronological = await startPipe('conv-chrono'));
    const outOfOrder = (disordered = await startPipe('conv-shuffled'));
    const expected = scoredEventCount(journeys);
    await Promise.all([
      (async () => {
        for (const delivery of chronologicalDeliveries(journeys, 100)) await deliver(inOrder, delivery);
      })(),
      deliverConcurrently(outOfOrder, disorderedDeliveries(journeys, MAX_BATCH, random), () => restartScoringAndHandoff(outOfOrder)),
    ]);
    await Promise.all([settle(inOrder, expected), settle(outOfOrder, expected)]);
  }, 240_000);

  afterAll(async () => {
    await stopPipe(chronological);
    await stopPipe(disordered);
  });

  const both = async <T>(read: (pipe: Pipe) => Promise<Map<string, T>>) => Promise.all([read(chronological as Pipe), read(disordered as Pipe)]);

  it('keeps the same scoring state and scores at a fixed evaluation time', async () => {
    const [a, b] = await both(async (pipe) => new Map((await readScoringState(pipe)).map((r) => [r.lead_id, r])));
    const stateOf = (rows: Map<string, StateRow>) =>
      new Map([...rows].map(([id, r]) => [id, rounded({ state: r.state, streamTime: Number(r.stream_time), nextCrossingAt: r.next_crossing_at })]));
    const scoresOf = (rows: Map<string, StateRow>) =>
      new Map([...rows].map(([id, r]) => [id, rounded(evaluateScores(r.state, model, evaluatedAt))]));

    expect(a.size).toBe(JOURNEYS);
    expect([...differences('scoring state', stateOf(a), stateOf(b)), ...differences(`scores at ${evaluatedAt}`, scoresOf(a), scoresOf(b))]).toEqual([]);
  });

  it('publishes the same last score of every lead, and projects it', async () => {
    const [a, b] = await both(lastScores);
    const [leadsA, leadsB] = await both(async (pipe) => new Map((await readLeads(pipe)).map((r) => [r.lead_id, { grade: r.grade, total: r.total }])));

    expect(a.size).toBe(JOURNEYS);
    expect([...differences('last published score', a, b), ...differences('lead_current grade and total', leadsA, leadsB)]).toEqual([]);
  });

  it('projects the score as of any later time as scoring evaluates it', async () => {
    const at = Date.now();
    for (const pipe of [chronological as Pipe, disordered as Pipe]) {
      const states = new Map((await readScoringState(pipe)).map((r) => [r.lead_id, r.state]));
      const { rows } = await pipe.pool.query<{ lead_id: string; total: number; grade: string; intent: number; readiness: number }>(
        `select l.lead_id, s.total, s.grade, s.intent, s.readiness
           from analytics.lead_current l, analytics.lead_score_at(l.fit, l.scored_at, l.score_decay, to_timestamp($1 / 1000.0)) s`,
        [at],
      );
      const inSql = new Map(rows.map((r) => [r.lead_id, rounded({ total: r.total, grade: r.grade, intent: r.intent, readiness: r.readiness })]));
      const inScoring = new Map(
        [...states].map(([id, state]) => {
          const { total, grade, intent, readiness } = evaluateScores(state, model, at);
          return [id, rounded({ total, grade, intent, readiness })];
        }),
      );

      expect(rows).toHaveLength(JOURNEYS);
      expect(differences(`${pipe.label}: lead_score_at vs scoring at ${at}`, inScoring, inSql)).toEqual([]);
    }
  });

  // Net transitions are the milestones lead_current holds (mql_at … disqualified_at): a transition
  // that was compensated must not leave its milestone behind. Only the round-robin owner may differ.
  it('ends every lead in the same stage, do-not-contact flag and net transitions', async () => {
    const [a, b] = await both(async (pipe) => new Map((await readLeads(pipe)).map(({ lead_id, stage, do_not_contact, milestones }) => [lead_id, { stage, do_not_contact, milestones }])));

    expect(a.size).toBe(JOURNEYS);
    expect(differences('stage, do-not-contact, net transitions', a, b)).toEqual([]);
  });
});
