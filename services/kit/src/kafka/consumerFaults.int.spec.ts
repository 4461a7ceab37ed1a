import type { Producer } from 'kafkajs';
import { Pool } from 'pg';
import type { EngagementEvent } from '@leadflow/schemas';
import { loadConfig, commonConfig } from '../config/loadConfig';
import { RejectedRecordError } from '../errors/LeadflowError';
import { createLogger } from '../logging/createLogger';
import { createProducer } from './createProducer';
import { connectPipeline, type Pipeline } from '../service/connectPipeline';
import type { RunningService } from '../service/startConsumerService';
import { isolatedRun, readTopic, startTcpProxy, type IsolatedRun, type TcpProxy } from '../testing';
import { waitFor } from '../testing/waitFor';
import { pageView as view, startTestConsumer, TEST_GROUP, type TestBehaviour } from '../testing/startTestConsumer';
import { z } from 'zod';

/** Short waits, so each fault shows within seconds. */
const FAST = {
  HEALTH_PORT: '0',
  CONSUMER_RETRY_INITIAL_MS: '100',
  CONSUMER_RETRY_MAX_MS: '1000',
  CONSUMER_UNREADY_AFTER_MS: '1500',
  CONSUMER_BUG_ATTEMPTS: '2',
};



describe('the consumer under faults, on the real broker, registry and Postgres', () => {
  let run: IsolatedRun;
  let pipeline: Pipeline;
  let producer: Producer;
  let pool: Pool;
  let service: RunningService | undefined;
  let proxy: TcpProxy | undefined;

  beforeEach(async () => {
    run = await isolatedRun('faults');
    pipeline = await connectPipeline('fault-test', loadConfig(z.object(commonConfig), run.env), createLogger('fault-test', 'warn'));
    producer = await createProducer(pipeline.kafka);
    pool = new Pool({ connectionString: run.databaseUrl, max: 2 });
  });

  afterEach(async () => {
    await service?.stop();
    service = undefined;
    await proxy?.close();
    proxy = undefined;
    await producer.disconnect();
    await pool.end();
    await run.cleanUp();
  });

  const start = async (behaviour?: TestBehaviour, env: Record<string, string> = {}) => {
    service = await startTestConsumer({ ...run.env, ...FAST, ...env }, behaviour);
    return service;
  };
  /** Sends records to one partition, in order. */
  const send = async (partition: number, records: (EngagementEvent | Buffer)[]) => {
    const codec = pipeline.codecs.engagement;
    const messages = await Promise.all(
      records.map(async (r) => (Buffer.isBuffer(r) ? { value: r, partition } : { key: r.leadId ?? null, value: await codec.encode(r), partition })),
    );
    await producer.send({ topic: codec.topicName, acks: -1, messages });
  };
  const applied = async () =>
    (await pool.query<{ event_id: string; url: string; partition: number }>('select event_id, url, partition from applied order by partition, "offset"').catch(() => ({ rows: [] }))).rows;
  const appliedIds = async () => (await applied()).map((r) => r.event_id);
  const deadLetters = async () => (await readTopic(pipeline.kafka, pipeline.codecs.deadLetter)).filter((l) => l.consumerGroup === `${run.namespace}${TEST_GROUP}`);
  const readiness = async (port: number) => {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
    return { status: response.status, body: (await response.json()) as { ready: boolean; problems?: string[] } };
  };
  const metric = async (port: number, name: string) => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(name))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  };

  it('dead-letters a poison record with its bytes and reason, and applies the next one', async () => {
    const lead = `poison-${run.id}`;
    const garbage = Buffer.from('not the wire format');
    const [before, after, refusedByDomain] = [view(lead, '/before'), view(lead, '/after'), view(lead, '/refused')];
    await start(async (record) => (record.value.type === 'page_viewed' && record.value.payload.url === '/refused' ? { record, error: new RejectedRecordError('refused by the domain') } : undefined));

    await send(0, [before, garbage, refusedByDomain, after]);

    expect(await waitFor('the good records', appliedIds, (ids) => ids.length >= 2)).toEqual([before.eventId, after.eventId]);
    const letters = await waitFor('two dead letters', deadLetters, (l) => l.length >= 2);
    letters.sort((a, b) => a.offset - b.offset);
    expect(letters.map((l) => [l.partition, l.offset, l.errorName, l.retriable])).toEqual([
      [0, 1, 'DecodeError', false],
      [0, 2, 'RejectedRecordError', false],
    ]);
    expect(letters[0]?.value).toEqual(garbage);
    expect(letters[0]?.reason).toMatch(/not in the Confluent wire format/);
    expect(letters[1]?.reason).toBe('refused by the domain');
  });

  it('halts only the partition of a handler bug: no dead letters, readiness 503, the other partitions go on', async () => {
    const lead = (n: number) => `lead-${n}-${run.id}`;
    const running = await start(async (record) => {
      if (record.value.type === 'page_viewed' && record.value.payload.url === '/bug') throw new TypeError("Cannot read properties of undefined (reading 'score')");
    });
    const first = [view(lead(0), '/ok-0'), view(lead(0), '/bug'), view(lead(0), '/after-bug')];
    const others = [1, 2].map((p) => [view(lead(p), `/ok-${p}`), view(lead(p), `/more-${p}`)]);

    await send(0, first);
    await send(1, others[0] ?? []);
    await send(2, others[1] ?? []);

    const rows = await waitFor('the other partitions', applied, (r) => r.filter((x) => x.partition !== 0).length >= 4);
    const halted = await waitFor('the halt', () => readiness(running.healthPort), (r) => r.status === 503);
    expect(halted.body.problems?.join('\n')).toMatch(/halted .*leads\.engagement\.v1\/0 at offset 1: TypeError: Cannot read properties/);
    expect((await applied()).map((r) => r.url)).toEqual(['/ok-0', '/ok-1', '/more-1', '/ok-2', '/more-2']);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(await metric(running.healthPort, 'leadflow_consumer_halted_partitions')).toBe(1);
    await send(1, [view(lead(1), '/later-1')]);
    await waitFor('a later record on a healthy partition', applied, (r) => r.some((x) => x.url === '/later-1'));
    expect(await deadLetters()).toEqual([]);
  });

  it("seeks back to Postgres' offset when Kafka's group offset is ahead, and applies the gap once", async () => {
    const lead = `gap-${run.id}`;
    const early = Array.from({ length: 3 }, (_, i) => view(lead, `/early-${i}`));
    const gap = Array.from({ length: 4 }, (_, i) => view(lead, `/gap-${i}`));
    await start();
    await send(0, early);
    await waitFor('the early records', appliedIds, (ids) => ids.length === 3);
    await service?.stop();
    service = undefined;

    await send(0, gap);
    const admin = pipeline.kafka.admin();
    await admin.connect();
    // as a restore or a group reset would leave it: Kafka's offset past what Postgres applied
    await admin.setOffsets({ groupId: `${run.namespace}${TEST_GROUP}`, topic: pipeline.codecs.engagement.topicName, partitions: [{ partition: 0, offset: '7' }] });
    const kafkaAt = await admin.fetchOffsets({ groupId: `${run.namespace}${TEST_GROUP}`, topics: [pipeline.codecs.engagement.topicName] });
    await admin.disconnect();
    expect(kafkaAt[0]?.partitions.find((p) => p.partition === 0)?.offset).toBe('7');
    await start();

    await waitFor('the gap', appliedIds, (i) => i.length >= 7);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await appliedIds()).toEqual([...early, ...gap].map((e) => e.eventId));
  });

  it('fails a batch whose Postgres link went silent within the timeout, and applies it once when the link is back', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(run.databaseUrl).port || 5432) });
    const viaProxy = new URL(run.databaseUrl);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const link = proxy;
    let pausedAt = 0;
    const running = await start(
      async (record) => {
        if (record.value.type === 'page_viewed' && record.value.payload.url === '/pause' && pausedAt === 0) {
          pausedAt = Date.now();
          link.pause();
          setTimeout(() => link.resume(), 10_000);
        }
      },
      { DATABASE_URL: viaProxy.toString(), PG_STATEMENT_TIMEOUT_MS: '1000', PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000', PG_CONNECT_TIMEOUT_MS: '1000' },
    );
    const lead = `pg-${run.id}`;
    const records = [view(lead, '/a'), view(lead, '/pause'), view(lead, '/b')];

    await send(0, records);

    await waitFor('the link to go silent', async () => pausedAt, (t) => t > 0);
    const failures = await waitFor('the batch to fail', () => metric(running.healthPort, 'leadflow_consumer_transient_failures_total'), (n) => n >= 1, 9_000);
    expect(Date.now() - pausedAt).toBeLessThan(9_000);
    expect(await appliedIds()).toEqual([]);
    expect(failures).toBeGreaterThanOrEqual(1);
    await waitFor('the batch, once the link is back', appliedIds, (ids) => ids.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await appliedIds()).toEqual(records.map((r) => r.eventId));
    expect(await deadLetters()).toEqual([]);
  });
});
