import { Pool } from 'pg';
import { z } from 'zod';
import { DecodeError, RejectedRecordError, serviceOutbox, commonConfig, connectPipeline, createLogger, deadLettersOf, drainOutbox, inTransaction, kitMigrations, loadConfig, migrate, testing, type Pipeline } from '@leadflow/kit';
import { judgeStatus } from '../status/judgeStatus';
import { readPipelineStatus } from '../status/readPipelineStatus';
import { readDeadLetters } from './readDeadLetters';
import { deadLetterRedrivesMigration, redriveDeadLetters, REDRIVEN_FROM_HEADER } from './redriveDeadLetters';
import { matchesFilter, summarizeDeadLetters } from './summarizeDeadLetters';

describe('leadflow dlq and status on the real broker, registry and Postgres', () => {
  let run: testing.IsolatedRun;
  let pipeline: Pipeline;
  let pool: Pool;

  beforeAll(async () => {
    run = await testing.isolatedRun('dlq');
    pipeline = await connectPipeline('dlq-test', loadConfig(z.object(commonConfig), run.env), createLogger('dlq-test', 'warn'));
    pool = new Pool({ connectionString: run.databaseUrl, max: 2 });
    await migrate(pool, 'dlq', [...kitMigrations, deadLetterRedrivesMigration]);
  });

  afterAll(async () => {
    await pool?.end();
    await run?.cleanUp();
  });

  it('lists dead letters, re-drives them once however often it runs, and status sees the re-driven records as lag', async () => {
    const engagement = pipeline.codecs.engagement.topicName;
    const record = (offset: string, raw: string) => ({ topic: engagement, partition: 0, offset, key: Buffer.from('lead-1'), raw: Buffer.from(raw), headers: { 'leadflow-event-id': `e-${offset}` } });
    const refused = [
      { record: record('5', 'garbage'), error: new DecodeError('record is not in the Confluent wire format') },
      { record: { ...record('6', 'more garbage'), topic: pipeline.codecs.identity.topicName }, error: new RejectedRecordError('refused') },
    ];
    // relayed as the services relay them: in a Kafka transaction, whose markers take offsets
    const outbox = serviceOutbox(run.namespace, 'some-service');
    await inTransaction(pool, (tx) => outbox.write(tx, pipeline.codecs.deadLetter, deadLettersOf(refused, `${run.namespace}some-group`, Date.now())));
    expect(await drainOutbox({ kafka: pipeline.kafka, pool, outbox, namespace: run.namespace, logger: createLogger('dlq-test', 'warn'), timeoutMs: 30_000 })).toBe(0);

    // the commit's markers are written after it returns: read once they are
    const letters = await testing.waitFor('both dead letters readable', () => readDeadLetters(pipeline.kafka, pipeline.codecs), (read) => read.length >= refused.length);
    const summary = summarizeDeadLetters(letters);
    const engagementOnly = letters.filter((l) => matchesFilter(l, { topic: 'leads.engagement.v1' }));
    const redrives = serviceOutbox(run.namespace, 'dlq-redrive');
    const deps = { pool, outbox: redrives, dlqTopic: pipeline.codecs.deadLetter.topicName };
    const dryRun = await redriveDeadLetters(deps, engagementOnly, { dryRun: true });
    const first = await redriveDeadLetters(deps, engagementOnly, { dryRun: false });
    const second = await redriveDeadLetters(deps, engagementOnly, { dryRun: false });
    expect(await drainOutbox({ kafka: pipeline.kafka, pool, outbox: redrives, namespace: run.namespace, logger: createLogger('dlq-test', 'warn'), timeoutMs: 30_000 })).toBe(0);

    expect(summary.map((g) => [g.originalTopic, g.reason, g.count]).sort()).toEqual([
      [engagement, 'record is not in the Confluent wire format', 1],
      [pipeline.codecs.identity.topicName, 'refused', 1],
    ]);
    expect([dryRun.sent.length, first.sent.length, second.sent.length, second.alreadyRedriven]).toEqual([1, 1, 0, 1]);
    const redriven = await rawRecords(engagement);
    expect(redriven).toEqual([{ key: 'lead-1', value: 'garbage', provenance: `${deps.dlqTopic}/${engagementOnly[0]?.partition}/${engagementOnly[0]?.offset}`, eventId: 'e-5' }]);

    const admin = pipeline.kafka.admin();
    await admin.connect();
    const status = await readPipelineStatus({ kafka: pipeline.kafka, admin, pool }, [{ group: 'some-group', topics: ['engagement'] }], run.namespace, deps.dlqTopic, Date.now());
    await admin.disconnect();
    expect(status.deadLetters).toBe(2);
    // lag is by offsets: the re-driven record and the marker of the transaction that relayed it
    expect(status.groups[0]?.partitions.reduce((sum, p) => sum + p.lag, 0n)).toBe(2n);
    expect(status.pendingTimers).toBeNull();
    expect(judgeStatus(status, { maxLag: 1 })).toHaveLength(1);
    expect(judgeStatus(status, { maxLag: 2 })).toEqual([]);
  });

  async function rawRecords(topic: string) {
    const consumer = pipeline.kafka.consumer({ groupId: `raw-${run.id}`, maxWaitTimeInMs: 100 });
    const seen: { key: string; value: string; provenance: string; eventId: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({
          key: String(message.key),
          value: String(message.value),
          provenance: String(message.headers?.[REDRIVEN_FROM_HEADER]),
          eventId: String(message.headers?.['leadflow-event-id']),
        });
      },
    });
    await testing.waitFor('the re-driven record', async () => seen.length, (n) => n >= 1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await consumer.disconnect();
    return seen;
  }
});
