import { SchemaType } from '@kafkajs/confluent-schema-registry';
import type { Producer } from 'kafkajs';
import { Pool } from 'pg';
import { z } from 'zod';
import { topics } from '@leadflow/schemas';
import { TopicCodec } from '../codec/TopicCodec';
import { commonConfig, loadConfig } from '../config/loadConfig';
import { createLogger } from '../logging/createLogger';
import { readStoredOffsets } from '../offsets/readStoredOffsets';
import { createRegistry } from '../registry/createRegistry';
import { valueSubject } from '../registry/registerTopicSchema';
import { connectPipeline, type Pipeline } from '../service/connectPipeline';
import type { RunningService } from '../service/startConsumerService';
import { isolatedRun, readTopic, stackControl, type IsolatedRun } from '../testing';
import { waitFor } from '../testing/waitFor';
import { pageView as view, startTestConsumer, TEST_GROUP } from '../testing/startTestConsumer';
import { createProducer } from './createProducer';
import { publishRecords } from './publishRecords';

const FAST = { HEALTH_PORT: '0', CONSUMER_RETRY_INITIAL_MS: '100', CONSUMER_RETRY_MAX_MS: '2000', CONSUMER_UNREADY_AFTER_MS: '1500' };


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


describe('the consumer while the registry or the broker is away', () => {
  let run: IsolatedRun;
  let pipeline: Pipeline;
  let producer: Producer;
  let pool: Pool;
  let service: RunningService | undefined;

  beforeEach(async () => {
    stackControl('up');
    run = await isolatedRun('outage');
    pipeline = await connectPipeline('fault-test', loadConfig(z.object(commonConfig), run.env), createLogger('fault-test', 'warn'));
    producer = await createProducer(pipeline.kafka);
    pool = new Pool({ connectionString: run.databaseUrl, max: 2 });
  });

  afterEach(async () => {
    stackControl('up');
    await service?.stop();
    service = undefined;
    await producer.disconnect();
    await pool.end();
    await run.cleanUp();
  }, 120_000);

  const appliedIds = async () => (await pool.query<{ event_id: string }>('select event_id from applied order by partition, "offset"')).rows.map((r) => r.event_id);
  const deadLetters = async () => (await readTopic(pipeline.kafka, pipeline.codecs.deadLetter)).filter((l) => l.consumerGroup === `${run.namespace}${TEST_GROUP}`);
  const readiness = async (port: number) => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status;

  it('waits for the registry when a new schema version is first seen: nothing dead-lettered, offsets unchanged, all applied once it is back', async () => {
    service = await startTestConsumer({ ...run.env, ...FAST });
    const running = service;
    const topicName = pipeline.codecs.engagement.topicName;
    const avro = topics.engagement.avro as { fields: unknown[] };
    const v2 = { ...avro, fields: [...avro.fields, { name: 'campaignNote', type: ['null', 'string'], default: null }] };
    const registry = createRegistry(run.registryUrl);
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v2) }, { subject: valueSubject(topicName) });
    const codecV2 = new TopicCodec(topics.engagement, topicName, registry, id);
    const lead = `registry-${run.id}`;
    const records = Array.from({ length: 5 }, (_, i) => view(lead, `/v2-${i}`));

    stackControl('stop registry');
    await producer.send({ topic: topicName, acks: -1, messages: await Promise.all(records.map(async (r) => ({ key: lead, value: await codecV2.encode(r), partition: 0 }))) });

    await waitFor('readiness to turn 503', () => readiness(running.healthPort), (status) => status === 503, 30_000);
    expect(await appliedIds()).toEqual([]);
    expect((await readStoredOffsets(pool, `${run.namespace}${TEST_GROUP}`)).every((s) => s.next === 0n)).toBe(true);

    stackControl('up');
    await waitFor('the records', appliedIds, (ids) => ids.length >= records.length);
    await sleep(1000);
    expect(await appliedIds()).toEqual(records.map((r) => r.eventId));
    expect(await deadLetters()).toEqual([]);
    await waitFor('readiness to turn 200', () => readiness(running.healthPort), (status) => status === 200, 30_000);
  }, 180_000);

  it('waits out a broker stopped for 60 s mid-stream: no dead letters, every record applied exactly once', async () => {
    service = await startTestConsumer({ ...run.env, ...FAST }, async () => {
      await sleep(5);
    });
    const running = service;
    const records = Array.from({ length: 300 }, (_, i) => view(`broker-${i % 30}-${run.id}`, `/r-${i}`));
    await publishRecords(producer, pipeline.codecs.engagement, records);
    await waitFor('the stream to be under way', appliedIds, (ids) => ids.length >= 20, 30_000);

    stackControl('stop kafka');
    const stoppedAt = Date.now();
    await waitFor('readiness to turn 503', () => readiness(running.healthPort), (status) => status === 503, 60_000).catch(() => undefined);
    await sleep(Math.max(0, 60_000 - (Date.now() - stoppedAt)));
    stackControl('up');

    await waitFor('every record', appliedIds, (ids) => ids.length >= records.length, 180_000);
    await sleep(2000);
    const ids = await appliedIds();
    expect(ids).toHaveLength(records.length);
    expect(new Set(ids)).toEqual(new Set(records.map((r) => r.eventId)));
    expect(await deadLetters()).toEqual([]);
  }, 420_000);
});
