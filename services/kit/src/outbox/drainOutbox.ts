import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { TopicDurability } from '../kafka/topicDurability';
import type { Outbox } from './Outbox';
import { startOutboxRelay } from './startOutboxRelay';

export interface DrainOutboxOptions {
  kafka: Kafka;
  pool: Pool;
  outbox: Outbox;
  namespace: string;
  logger: Logger;
  durability?: TopicDurability;
  /** How long the rows may take to go out; rejects after, leaving them for the service's own relay. */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const pendingRows = async (pool: Pool, relay: string): Promise<number> => {
  const { rows } = await pool.query<{ n: string }>('select count(*) as n from public.outbox where relay = $1', [relay]);
  return Number(rows[0]?.n ?? 0);
};

/**
 * Publishes what a command wrote to a service's outbox without waiting for the service: runs the
 * service's relay (which leads only when no running instance of the service does, and otherwise
 * leaves the rows to that one) until the outbox is empty. Exactly once either way, as the relay is.
 */
export async function drainOutbox(options: DrainOutboxOptions): Promise<void> {
  const relay = await startOutboxRelay({ ...options, pollMs: 100 });
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  try {
    for (let left = await pendingRows(options.pool, options.outbox.relay); left > 0; left = await pendingRows(options.pool, options.outbox.relay)) {
      if (Date.now() > deadline) throw new Error(`${left} records of ${options.outbox.relay} not published in ${(options.timeoutMs ?? 60_000) / 1000} s; the service's relay publishes them when it runs`);
      await sleep(100);
    }
  } finally {
    await relay.stop();
  }
}
