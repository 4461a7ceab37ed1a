import { startOutboxRelay, type OutboxRelayOptions } from './startOutboxRelay';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A one-shot relay for a command line: publishes what the relay's outbox holds now and waits at most
 * `timeoutMs` for it to leave the outbox. It leads only when no running instance of the service
 * does (otherwise that leader publishes the rows), so it is safe beside a running service. Returns
 * how many of those rows are still waiting (0 when all were published).
 */
export async function drainOutbox(options: OutboxRelayOptions & { timeoutMs: number }): Promise<number> {
  const relay = options.outbox.relay;
  const { rows } = await options.pool.query<{ last: string | null }>('select max(position) as last from public.outbox where relay = $1', [relay]);
  const last = rows[0]?.last;
  if (last === null || last === undefined) return 0;
  const waiting = async () =>
    Number((await options.pool.query<{ n: string }>('select count(*) as n from public.outbox where relay = $1 and position <= $2', [relay, last])).rows[0]?.n);
  const running = await startOutboxRelay({ pollMs: 100, ...options });
  const deadline = Date.now() + options.timeoutMs;
  try {
    let left = await waiting();
    while (left > 0 && Date.now() < deadline) {
      await sleep(100);
      left = await waiting();
    }
  } finally {
    await running.stop();
  }
  return waiting();
}
