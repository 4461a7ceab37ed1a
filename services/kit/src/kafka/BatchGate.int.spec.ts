import type { KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { createCodecs, type Codecs } from '../codec/createCodecs';
import { migrate } from '../db/migrate';
import { Outbox } from '../outbox/Outbox';
import { readStoredOffsets } from '../offsets/readStoredOffsets';
import { createRegistry } from '../registry/createRegistry';
import { kitMigrations } from '../service/kitMigrations';
import { isolatedRun, type IsolatedRun } from '../testing';
import { pageView } from '../testing/startTestConsumer';
import type { ApplyTarget, PartitionBatch } from './applyRecords';
import { BatchGate } from './BatchGate';
import type { ConsumedRecord } from './ConsumedRecord';
import { DeadLetterPublisher } from './DeadLetterPublisher';

const GROUP = 'gate-test';

describe('small batches of several partitions applied in one transaction, on the real Postgres and registry', () => {
  let run: IsolatedRun;
  let pool: Pool;
  let codecs: Codecs;
  let calls: ConsumedRecord<unknown>[][];
  let failWith: Error | undefined;
  let target: ApplyTarget;

  const batchOf = async (partition: number, offsets: number[]): Promise<PartitionBatch> => ({
    target,
    topic: codecs.engagement.topicName,
    partition,
    messages: await Promise.all(
      offsets.map(async (offset): Promise<KafkaMessage> => ({ key: null, value: await codecs.engagement.encode(pageView('lead-1', `/p${partition}/${offset}`)), offset: String(offset), timestamp: '0', attributes: 0, headers: {} })),
    ),
  });

  const stored = async () => Object.fromEntries((await readStoredOffsets(pool, GROUP)).map((s) => [s.partition, Number(s.next)]));

  beforeAll(async () => {
    run = await isolatedRun('gate');
    pool = new Pool({ connectionString: run.databaseUrl, max: 4 });
    await migrate(pool, 'gate-test', [...kitMigrations]);
    codecs = await createCodecs(createRegistry(run.registryUrl), run.registryUrl, run.namespace);
  });

  beforeEach(async () => {
    await pool.query('truncate consumer_offsets');
    calls = [];
    failWith = undefined;
    target = {
      pool,
      groupId: GROUP,
      codec: codecs.engagement,
      deadLetters: new DeadLetterPublisher(new Outbox('gate-test'), codecs.deadLetter, GROUP),
      handle: async (records) => {
        if (failWith) throw failWith;
        calls.push(records);
        return [];
      },
    };
  });

  afterAll(async () => {
    await pool?.end();
    await run?.cleanUp();
  });

  it('hands the batches offered in one turn to the handler at once and stores every partition’s offset with them', async () => {
    const gate = new BatchGate(3);
    const outcomes = await Promise.all([gate.gather(await batchOf(0, [0, 1])), gate.gather(await batchOf(1, [0])), gate.gather(await batchOf(2, [0, 1, 2]))]);

    expect(outcomes).toEqual([
      { kind: 'applied', applied: 2, deadLettered: 0 },
      { kind: 'applied', applied: 1, deadLettered: 0 },
      { kind: 'applied', applied: 3, deadLettered: 0 },
    ]);
    expect(calls.map((records) => records.map((r) => `${r.partition}@${r.offset}`))).toEqual([['0@0', '0@1', '1@0', '2@0', '2@1', '2@2']]);
    expect(await stored()).toEqual({ 0: 2, 1: 1, 2: 3 });
  });

  it('applies the others when one partition is behind its stored offset, and leaves that one where it is', async () => {
    await pool.query('insert into consumer_offsets (group_id, topic, partition, next_offset) values ($1, $2, 1, 5)', [GROUP, codecs.engagement.topicName]);
    const gate = new BatchGate(3);
    const outcomes = await Promise.all([gate.gather(await batchOf(0, [0])), gate.gather(await batchOf(1, [7, 8]))]);

    expect(outcomes).toEqual([{ kind: 'applied', applied: 1, deadLettered: 0 }, { kind: 'behind', stored: 5n }]);
    expect(calls.flat().map((r) => r.partition)).toEqual([0]);
    expect(await stored()).toEqual({ 0: 1, 1: 5 });
  });

  it('sends every batch its own way, having changed nothing, when the gathered transaction fails', async () => {
    failWith = new TypeError('a bug in the handler');
    const gate = new BatchGate(3);
    const outcomes = await Promise.all([gate.gather(await batchOf(0, [0])), gate.gather(await batchOf(1, [0]))]);

    expect(outcomes).toEqual([undefined, undefined]);
    expect(await stored()).toEqual({});
  });

  it('sends a batch offered alone its own way', async () => {
    expect(await new BatchGate(3).gather(await batchOf(0, [0]))).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('runs at most the given number of batches alone at once', async () => {
    const gate = new BatchGate(2);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        gate.alone(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 20));
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
  });
});
