import type { Admin, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { connectPipeline, createLogger, createProducer, loadConfig, publishRecords, testing, waitUntilCaughtUp, type Pipeline } from '@leadflow/kit';
import { projectionsConfigSchema, type ProjectionsConfig } from '../config';
import { projectedCodecs } from '../kafka/projectedTopics';
import { startProjections, type RunningProjections } from '../startProjections';
import { projectionHistory } from './history/projectionHistory';
import type { ProjectionRecord } from './history/ProjectionRecord';
import { RebuildError } from './RebuildError';
import { rebuildProjections } from './rebuildProjections';
import { snapshotSchema, type SchemaSnapshot } from './snapshotSchema';

const LIVE = 'analytics';
/** A second projections service that is never rebuilt: what the live tables must equal. */
const REFERENCE = 'reference';
const DAY_MS = 86_400_000;
const INBOUND = new Set<ProjectionRecord['topicKey']>(['engagement', 'identity', 'outcome']);

describe('leadflow projections rebuild on the real broker, registry and Postgres', () => {
  const now = Date.now();
  let run: testing.IsolatedRun;
  let live: ProjectionsConfig;
  let reference: ProjectionsConfig;
  let pipeline: Pipeline;
  let producer: Producer;
  let admin: Admin;
  let pool: Pool;
  const services = new Map<string, RunningProjections>();

  const groupOf = (config: ProjectionsConfig) => `${config.TOPIC_NAMESPACE}${config.PROJECTIONS_GROUP_ID}`;
  const topicNames = () => projectedCodecs(pipeline.codecs).map((c) => c.topicName);

  /** Publishes records topic by topic, keeping their order within each topic. */
  const publish = async (records: ProjectionRecord[]) => {
    const byTopic = new Map<ProjectionRecord['topicKey'], unknown[]>();
    for (const { topicKey, record } of records) byTopic.set(topicKey, [...(byTopic.get(topicKey) ?? []), record]);
    for (const [key, values] of byTopic) await publishRecords(producer, pipeline.codecs[key] as never, values as never);
  };

  /** Waits until every running projections service applied everything on its topics. */
  const caughtUp = async (configs: ProjectionsConfig[]) => {
    const groups = configs.map((config) => ({ groupId: groupOf(config), topics: topicNames(), schema: config.PROJECTIONS_SCHEMA }));
    await waitUntilCaughtUp(admin, pool, groups, { timeoutMs: 120_000, stallMs: 30_000 });
  };

  /** Both schemas at one moment (one transaction), so views that use now() agree. */
  const snapshots = async (): Promise<{ live: SchemaSnapshot; reference: SchemaSnapshot }> => {
    const tx = await pool.connect();
    try {
      await tx.query('begin isolation level repeatable read');
      const ignore = { consumer_offsets: ['group_id'] };
      return { live: await snapshotSchema(tx, LIVE, ignore), reference: await snapshotSchema(tx, REFERENCE, ignore) };
    } finally {
      await tx.query('rollback');
      tx.release();
    }
  };

  const schemasNamed = async (pattern: string) =>
    (await pool.query<{ nspname: string }>('select nspname from pg_namespace where nspname like $1 order by 1', [pattern])).rows.map((r) => r.nspname);

  const start = async (config: ProjectionsConfig) => services.set(config.PROJECTIONS_SCHEMA, await startProjections(config));
  const stop = async (config: ProjectionsConfig) => {
    await services.get(config.PROJECTIONS_SCHEMA)?.stop();
    services.delete(config.PROJECTIONS_SCHEMA);
  };

  beforeAll(async () => {
    run = await testing.isolatedRun('rebuild');
    live = loadConfig(projectionsConfigSchema, { ...run.env, DASHBOARD_PORT: '0', PROJECTIONS_SCHEMA: LIVE });
    reference = loadConfig(projectionsConfigSchema, { ...run.env, DASHBOARD_PORT: '0', PROJECTIONS_SCHEMA: REFERENCE, PROJECTIONS_GROUP_ID: 'leadflow-projections-reference' });
    pipeline = await connectPipeline('rebuild-test', live, createLogger('rebuild-test', 'warn'));
    producer = await createProducer(pipeline.kafka);
    admin = pipeline.kafka.admin();
    await admin.connect();
    pool = new Pool({ connectionString: run.databaseUrl, max: 3 });
  });

  afterAll(async () => {
    for (const service of services.values()) await service.stop();
    await admin?.deleteGroups([groupOf(live), groupOf(reference)]).catch(() => undefined);
    await admin?.disconnect();
    await producer?.disconnect();
    await pool?.end();
    await run?.cleanUp();
  });

  it('the rebuilt tables equal the live ones, row for row, after a run with redeliveries', async () => {
    // prepare: a history published in time, then late records, then a fifth of it again. What
    // enters from outside (visits, identifications, CRM outcomes) can arrive late; what the
    // pipeline produces arrives in order per lead.
    const history = projectionHistory({ leads: 56, runId: run.id, now });
    const isLate = ({ topicKey }: ProjectionRecord, i: number) => INBOUND.has(topicKey) && i % 4 === 1;
    const late = history.filter(isLate);
    const inTime = history.filter((r, i) => !isLate(r, i));
    const redelivered = history.filter((_, i) => i % 5 === 0);
    const arriving = projectionHistory({ leads: 14, runId: `${run.id}-more`, now: now + DAY_MS });
    const duringReplay = arriving.slice(0, arriving.length / 2);
    const atTheSwap = arriving.slice(arriving.length / 2);
    await start(live);
    await start(reference);
    await publish(inTime);
    await publish(late);
    await publish(redelivered);
    await caughtUp([live, reference]);
    const before = await snapshots();

    // act: rebuild while the live service runs and records keep arriving
    const published: Promise<void>[] = [];
    const report = await rebuildProjections(live, {
      onProgress: () => {
        if (published.length === 0) published.push(publish(duringReplay));
      },
      onStep: (line) => {
        if (line.includes('swap lock')) published.push(publish(atTheSwap));
      },
    });
    await Promise.all(published);
    await caughtUp([live, reference]);
    const after = await snapshots();

    // assert
    const populated = Object.entries(before.live).filter(([, rows]) => rows.length > 0).map(([name]) => name);
    expect(populated).toEqual(expect.arrayContaining(['lead_current', 'consumer_offsets', 'schema_migrations']));
    expect(populated.length).toBeGreaterThan(5);
    expect(before.live).toEqual(before.reference);
    expect(after.live).toEqual(after.reference);
    expect(report).toMatchObject({ schema: LIVE, replaced: expect.stringMatching(/^analytics_old_\d{14}$/), oldKept: false, liveMembers: 1, refused: 0 });
    expect(report.recordsAtStart).toBe(history.length + redelivered.length);
    expect(report.records).toBeGreaterThan(report.recordsAtStart);
    expect(report.topics.map((t) => t.topic).sort()).toEqual(topicNames().sort());
    const leads = report.rows.find((r) => r.table === 'lead_current');
    expect(leads?.before).toBeGreaterThanOrEqual(56);
    expect(leads?.after).toBeGreaterThanOrEqual(leads?.before ?? Infinity);
    expect(await schemasNamed('analytics%')).toEqual([LIVE]);
  });

  it('rebuilds while the projections service is stopped, keeps the old schema on request, and the service continues from the rebuilt offsets', async () => {
    // prepare
    await stop(live);
    const meanwhile = projectionHistory({ leads: 7, runId: `${run.id}-stopped`, now: now + 2 * DAY_MS });
    const afterRestart = projectionHistory({ leads: 7, runId: `${run.id}-restarted`, now: now + 3 * DAY_MS });
    await publish(meanwhile);
    await caughtUp([reference]);

    // act
    const report = await rebuildProjections(live, { keepOld: true });
    await start(live);
    await publish(afterRestart);
    await caughtUp([live, reference]);
    const after = await snapshots();

    // assert
    expect(report).toMatchObject({ liveMembers: 0, oldKept: true, liveAppliedAtSwap: report.records - meanwhile.length });
    expect(await schemasNamed('analytics%')).toEqual([LIVE, report.replaced]);
    expect(after.live).toEqual(after.reference);
  });

  it('refuses a log that no longer starts at offset 0, naming the partition, unless the truncated history is accepted', async () => {
    // prepare: the first record of one engagement partition deleted, as retention would
    const topic = pipeline.codecs.engagement.topicName;
    const withRecords = (await admin.fetchTopicOffsets(topic)).find((p) => Number(p.high) > 0);
    if (!withRecords) throw new Error(`no records on ${topic}`);
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: withRecords.partition, offset: '1' }] });
    const schemasBefore = await schemasNamed('analytics%');

    // act
    const refusal = await rebuildProjections(live).catch((error: unknown) => error);
    const schemasAfterRefusal = await schemasNamed('analytics%');
    const accepted = await rebuildProjections(live, { allowTruncatedHistory: true });

    // assert
    expect(refusal).toBeInstanceOf(RebuildError);
    expect((refusal as Error).message).toContain(`${topic} partition ${withRecords.partition} starts at offset 1`);
    expect((refusal as Error).message).toContain('--allow-truncated-history');
    expect(schemasAfterRefusal).toEqual(schemasBefore);
    expect(accepted).toMatchObject({ schema: LIVE, replaced: expect.stringMatching(/^analytics_old_\d{14}$/) });
    expect(accepted.recordsAtStart).toBeGreaterThan(0);
  });
});
