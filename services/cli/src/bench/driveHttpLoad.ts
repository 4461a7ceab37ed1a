import { KeepAliveConnection, postRequest } from './KeepAliveConnection';

export interface HttpLoadResult {
  requests: number;
  /** Events in requests answered 202. */
  acceptedEvents: number;
  elapsedMs: number;
  /** Request latencies in ms, sorted. */
  latenciesMs: number[];
  statuses: Record<string, number>;
  /** CPU time the load generator itself used while driving the load (user + system). */
  cpuMs: number;
}

/**
 * Posts pre-serialised bodies with `concurrency` keep-alive connections, each sending its next body
 * as soon as the previous one was answered, and records every latency and status. Requests are
 * built into bytes before the clock starts.
 */
export async function driveHttpLoad(
  url: URL,
  headers: Record<string, string>,
  bodies: readonly { json: string; events: number }[],
  concurrency: number,
): Promise<HttpLoadResult> {
  const requests = bodies.map((body) => ({ bytes: postRequest(url, headers, body.json), events: body.events }));
  const connections = Array.from({ length: concurrency }, () => new KeepAliveConnection(url.hostname, Number(url.port || 80)));
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let acceptedEvents = 0;
  const client = async (connection: KeepAliveConnection) => {
    while (next < requests.length) {
      const request = requests[next++] as { bytes: Buffer; events: number };
      const started = performance.now();
      const status = await connection.send(request.bytes);
      latenciesMs.push(performance.now() - started);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 202) acceptedEvents += request.events;
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    await Promise.all(connections.map(client));
  } finally {
    for (const connection of connections) connection.close();
  }
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { requests: bodies.length, acceptedEvents, elapsedMs, latenciesMs: latenciesMs.sort((a, b) => a - b), statuses, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** The latency below which `fraction` of the requests were answered. */
export const percentile = (sortedMs: readonly number[], fraction: number): number =>
  sortedMs.length === 0 ? 0 : (sortedMs[Math.min(sortedMs.length - 1, Math.floor(fraction * sortedMs.length))] as number);
