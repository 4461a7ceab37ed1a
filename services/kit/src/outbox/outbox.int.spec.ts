import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';
import { inTransaction } from '../db/inTransaction';
import { migrate } from '../db/migrate';
import { createLogger } from '../logging/createLogger';
import { ensureTopics } from '../kafka/ensureTopics';
import { readToEnd } from '../kafka/readToEnd';
import { isolatedRun, type IsolatedRun } from '../testing';
import { waitFor } from '../testing/waitFor';
import { Outbox } from './Outbox';
import { outboxMigration } from './outboxMigration';
import type { OutboxRecord } from './OutboxRecord';
import { readRelayCursor, relayCursorOf } from './RelayCursor';
import { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './startOutboxRelay';

const logger = createLogger('outbox-test', 'error');

describe('the outbox and its relay, on the real broker and Postgres', () => {
  let run: IsolatedRun;
  let kafka: Kafka;
  let pool: Pool;
  let outbox: Outbox;
  let topic: string;
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    run = await isolatedRun('outbox');
    kafka = new Kafka({ brokers: [run.kafkaBrokers], logLevel: logLevel.NOTHING });
    pool = new Pool({ connectionString: run.databaseUrl, max: 4 });
    await migrate(pool, 'outbox-test', [outboxMigration]);
    outbox = new Outbox(`${run.namespace}test`);
    topic = `${run.namespace}outbox-test`;
    await ensureTopics(kafka, { names: [topic], partitions: 3 });
  });

  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.stop();
    await pool.end();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await run.cleanUp();
  });

  const relay = async (options: Partial<OutboxRelayOptions> = {}) => {
    const started = await startOutboxRelay({ kafka, pool, outbox, namespace: run.namespace, logger, ...options });
    relays.push(started);
    return started;
  };
  const record = (n: number): OutboxRecord => ({ topic, key: Buffer.from(`k-${n % 7}`), value: Buffer.from(String(n)), headers: { n: String(n) } });
  const records = (from: number, count: number) => Array.from({ length: count }, (_, i) => record(from + i));
  const rowsLeft = async () => Number((await pool.query<{ n: string }>('select count(*) as n from outbox')).rows[0]?.n);
  const drained = () => waitFor('the outbox to drain', rowsLeft, (n) => n === 0);
  /** Every record on the topic, as the numbers they carry, grouped by key in log order. */
  const published = async () => {
    const byKey = new Map<string, number[]>();
    await readToEnd(kafka, topic, async (_partition, message) => {
      const key = message.key?.toString() ?? '';
      byKey.set(key, [...(byKey.get(key) ?? []), Number(message.value?.toString())]);
    });
    return byKey;
  };
  const allOf = (byKey: Map<string, number[]>) => [...byKey.values()].flat().sort((a, b) => a - b);
  const inOrderPerKey = (byKey: Map<string, number[]>) => [...byKey.values()].every((ns) => ns.every((n, i) => i === 0 || (ns[i - 1] as number) < n));
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

  it('publishes nothing of a transaction that did not commit, and a retry that commits once', async () => {
    // prepare
    await relay();
    // act: one attempt rolls back, one loses its connection before the commit, the retry commits
    await expect(
      inTransaction(pool, async (tx) => {
        await outbox.writeEncoded(tx, records(0, 10));
        throw new Error('the batch failed after writing its output');
      }),
    ).rejects.toThrow('the batch failed');
    await expect(
      inTransaction(pool, async (tx) => {
        await outbox.writeEncoded(tx, records(0, 10));
        await tx.query('select pg_terminate_backend(pg_backend_pid())');
      }),
    ).rejects.toThrow();
    await inTransaction(pool, (tx) => outbox.writeEncoded(tx, records(0, 10)));
    await drained();
    // assert
    const byKey = await published();
    expect(allOf(byKey)).toEqual(range(0, 10));
    expect(inOrderPerKey(byKey)).toBe(true);
  });

  it('publishes a row that commits after later rows were published', async () => {
    // prepare: a transaction writes first (the lower position) and commits last
    await relay();
    const slow = new Client({ connectionString: run.databaseUrl });
    await slow.connect();
    await slow.query('begin');
    await outbox.writeEncoded(slow, [record(1)]);
    // act
    await inTransaction(pool, (tx) => outbox.writeEncoded(tx, [record(2)]));
    await drained();
    await slow.query('commit');
    await slow.end();
    await drained();
    // assert
    expect(allOf(await published())).toEqual([1, 2]);
  });

  it('publishes each record once when the leader loses its session between its Kafka commit and its delete, and another instance takes over', async () => {
    // prepare: the first leader's session is terminated right after its first Kafka commit
    let struck = 0;
    const first = await relay({
      afterPublish: async (_sweep, session) => {
        if (struck++ === 0) await session.query('select pg_terminate_backend(pg_backend_pid())');
      },
    });
    await waitFor('a leader', async () => first.isLeader(), Boolean);
    await relay();
    // act
    for (let batch = 0; batch < 5; batch++) await inTransaction(pool, (tx) => outbox.writeEncoded(tx, records(batch * 100, 100)));
    await drained();
    // assert
    const byKey = await published();
    expect(struck).toBeGreaterThan(0);
    expect(allOf(byKey)).toEqual(range(0, 500));
    expect(inOrderPerKey(byKey)).toBe(true);
    expect(relays.filter((r) => r.isLeader())).toHaveLength(1);
  });

  it('publishes each record once when the leading process is SIGKILLed between its Kafka commit and its delete', async () => {
    // prepare: a process that leads, publishes one sweep and kills itself before deleting it
    await inTransaction(pool, (tx) => outbox.writeEncoded(tx, records(0, 50)));
    const kit = join(__dirname, '..', '..', 'dist', 'index.js');
    const script = `
      const { Kafka, logLevel } = require('kafkajs');
      const { Pool } = require('pg');
      const kit = require(${JSON.stringify(kit)});
      const pool = new Pool({ connectionString: process.env.DATABASE_URL });
      kit.startOutboxRelay({
        kafka: new Kafka({ brokers: [process.env.KAFKA_BROKERS], logLevel: logLevel.NOTHING }),
        pool, outbox: new kit.Outbox(process.env.RELAY), namespace: process.env.NAMESPACE,
        logger: kit.createLogger('doomed-relay', 'error'),
        afterPublish: async () => process.kill(process.pid, 'SIGKILL'),
      });`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, DATABASE_URL: run.databaseUrl, KAFKA_BROKERS: run.kafkaBrokers, RELAY: outbox.relay, NAMESPACE: run.namespace },
      stdio: 'inherit',
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    const admin = kafka.admin();
    await admin.connect();
    const publishedByTheDead = await readRelayCursor(admin, relayCursorOf(outbox.relay, run.namespace)).finally(() => admin.disconnect());
    const leftByTheDead = await rowsLeft();
    // act: a new instance takes over and more is written
    await relay();
    await inTransaction(pool, (tx) => outbox.writeEncoded(tx, records(50, 50)));
    await drained();
    // assert
    expect(signal).toBe('SIGKILL');
    expect(publishedByTheDead).toBeGreaterThan(0n);
    expect(leftByTheDead).toBe(50);
    const byKey = await published();
    expect(allOf(byKey)).toEqual(range(0, 100));
    expect(inOrderPerKey(byKey)).toBe(true);
  });
});
