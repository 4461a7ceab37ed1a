import { Agent, request } from 'node:http';

export interface HttpLoadResult {
  requests: number;
  /** Events in requests answered 202. */
  acceptedEvents: number;
  elapsedMs: number;
  /** Request latencies in ms, sorted. */
  latenciesMs: number[];
  statuses: Record<string, number>;
}

/**
 * Posts pre-serialised bodies with `concurrency` keep-alive clients, each sending its next body as
 * soon as the previous one was answered, and records every latency and status.
 */
export async function driveHttpLoad(
  url: URL,
  headers: Record<string, string>,
  bodies: readonly { json: string; events: number }[],
  concurrency: number,
): Promise<HttpLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let acceptedEvents = 0;
  const client = async () => {
    while (next < bodies.length) {
      const body = bodies[next++] as { json: string; events: number };
      const started = performance.now();
      const status = await post(agent, url, headers, body.json);
      latenciesMs.push(performance.now() - started);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 202) acceptedEvents += body.events;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { requests: bodies.length, acceptedEvents, elapsedMs, latenciesMs: latenciesMs.sort((a, b) => a - b), statuses };
}

function post(agent: Agent, url: URL, headers: Record<string, string>, json: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(json) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(json);
  });
}

/** The latency below which `fraction` of the requests were answered. */
export const percentile = (sortedMs: readonly number[], fraction: number): number =>
  sortedMs.length === 0 ? 0 : (sortedMs[Math.min(sortedMs.length - 1, Math.floor(fraction * sortedMs.length))] as number);
