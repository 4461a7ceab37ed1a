import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { Client, type ClientBase, type Pool } from 'pg';
import type { Logger } from 'pino';
import { backoffDelay } from '../faults/backoffDelay';
import { ensureTopics } from '../kafka/ensureTopics';
import type { TopicDurability } from '../kafka/topicDurability';
import type { Stoppable } from '../service/runUntilSignalled';
import { claimSweep } from './claimSweep';
import { deletePublished } from './deletePublished';
import { OUTBOX_CHANNEL, type Outbox } from './Outbox';
import { publishSweep } from './publishSweep';
import { readRelayCursor, relayCursorOf } from './RelayCursor';

export interface OutboxRelayOptions {
  kafka: Kafka;
  /** Whose connection settings the relay's own session uses (it holds no pooled connection). */
  pool: Pool;
  outbox: Outbox;
  namespace: string;
  logger: Logger;
  /** How often an instance that does not lead tries to, and the leader looks for rows nobody announced. */
  pollMs?: number;
  /** Rows per sweep, i.e. per Kafka transaction. */
  sweepLimit?: number;
  durability?: TopicDurability;
  /** Told of every failure (the relay resigns and tries again). */
  onError?: (error: unknown) => void;
  /** Runs after a sweep's Kafka transaction committed, before its rows are deleted: where fault tests strike. */
  afterPublish?: (sweep: bigint, session: ClientBase) => Promise<void>;
}

export interface OutboxRelay extends Stoppable {
  isLeader(): boolean;
}

interface Leadership {
  session: Client;
  producer: Producer;
}

const ignore = () => undefined;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Publishes committed outbox rows, in order, and deletes them. One instance per relay leads at a
 * time: the one whose Postgres session holds the relay's advisory lock (it is released when that
 * session ends, so a dead leader is replaced within a poll). Its producer has a transactional id
 * stable per relay, so taking over fences the previous leader's producer; the new leader then reads
 * the cursor from Kafka and deletes what it says was published, so a leader that died between its
 * Kafka commit and its delete causes no duplicate. The leader listens for commits' notifications,
 * so rows are published right after the transaction that wrote them commits.
 */
export async function startOutboxRelay(options: OutboxRelayOptions): Promise<OutboxRelay> {
  const { kafka, logger } = options;
  const relay = options.outbox.relay;
  const cursor = relayCursorOf(relay, options.namespace);
  const pollMs = options.pollMs ?? 200;
  const sweepLimit = options.sweepLimit ?? 2_000;
  await ensureTopics(kafka, { names: [cursor.topic], partitions: 1, durability: options.durability });
  const admin = kafka.admin();
  await admin.connect();
  let running = true;
  let kicked = false;
  let wake: (() => void) | undefined;
  const kick = () => {
    kicked = true;
    wake?.();
  };
  let leader: Leadership | undefined;
  let session: Client | undefined;
  let sessionFailure: Error | undefined;

  const openSession = async (): Promise<Client> => {
    const client = new Client(options.pool.options);
    client.on('error', (error) => {
      sessionFailure = error;
      kick();
    });
    client.on('notification', (note) => note.payload === relay && kick());
    await client.connect();
    return client;
  };

  const lead = async (): Promise<Leadership | undefined> => {
    session ??= await openSession();
    const { rows } = await session.query<{ leads: boolean }>('select pg_try_advisory_lock(hashtext($1)) as leads', [`leadflow-outbox:${relay}`]);
    if (!rows[0]?.leads) return undefined;
    await session.query(`listen ${OUTBOX_CHANNEL}`);
    const producer = kafka.producer({
      transactionalId: cursor.groupId,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    try {
      await producer.connect();
      // An empty transaction registers the producer with the coordinator: the previous leader's
      // producer is fenced and its open transaction aborted before the cursor is read.
      await (await producer.transaction()).abort();
      const published = await readRelayCursor(admin, cursor);
      const deleted = await deletePublished(session, relay, published);
      logger.info({ relay, published: published.toString(), deleted }, 'outbox relay leads');
      return { session, producer };
    } catch (error) {
      await producer.disconnect().catch(ignore);
      throw error;
    }
  };

  const resign = async () => {
    const [was, open] = [leader, session];
    leader = undefined;
    session = undefined;
    sessionFailure = undefined;
    await was?.producer.disconnect().catch(ignore);
    // ending the session releases the advisory lock
    await open?.end().catch(ignore);
  };

  /** Publishes one sweep; true when more rows may be waiting. */
  const relayOnce = async ({ session: db, producer }: Leadership): Promise<boolean> => {
    const sweep = await claimSweep(db, relay, sweepLimit);
    if (!sweep) return false;
    await publishSweep(producer, cursor, sweep);
    await options.afterPublish?.(sweep.sweep, db);
    await deletePublished(db, relay, sweep.sweep);
    return sweep.records.length >= sweepLimit;
  };

  const step = async (): Promise<boolean> => {
    if (sessionFailure) throw sessionFailure;
    leader ??= await lead();
    return leader ? relayOnce(leader) : false;
  };

  const loop = (async () => {
    for (let failures = 0; running; ) {
      kicked = false;
      let more = false;
      try {
        more = await step();
        failures = 0;
      } catch (error) {
        options.onError?.(error);
        logger.warn({ relay, err: error, leader: leader !== undefined }, 'outbox relay failed; resigning and trying again');
        await resign();
        await sleep(backoffDelay(failures++, { initialMs: pollMs, maxMs: 5_000 }, Math.random()));
      }
      if (more || kicked || !running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return {
    isLeader: () => leader !== undefined,
    stop: async () => {
      running = false;
      wake?.();
      await loop;
      // what committed before the stop goes out now rather than with the next leader
      try {
        while (leader && !sessionFailure && (await relayOnce(leader)));
      } catch (error) {
        logger.warn({ relay, err: error }, 'outbox relay could not publish everything before stopping; the next leader will');
      }
      await resign();
      await admin.disconnect().catch(ignore);
    },
  };
}
