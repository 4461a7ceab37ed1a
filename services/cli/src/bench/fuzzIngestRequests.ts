import { Agent, request } from 'node:http';
import fc from 'fast-check';
import { hostileRequests, type HostileRequest } from './hostileRequests';

export interface FuzzOutcome {
  seed: number;
  requests: number;
  statuses: Record<string, number>;
  /** Requests answered 5xx or not answered at all, with what was sent. */
  failures: { kind: string; status: number; detail: string }[];
  /** Event ids ingest answered 2xx for. */
  acceptedIds: string[];
}

/** Sends `count` hostile requests generated from `seed` to ingest, `concurrency` at a time. */
export async function fuzzIngestRequests(ingestUrl: string, apiKey: string, count: number, seed: number, concurrency = 8): Promise<FuzzOutcome> {
  const url = new URL('/v1/events', ingestUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const outcome: FuzzOutcome = { seed, requests: 0, statuses: {}, failures: [], acceptedIds: [] };
  const chunk = 500;
  for (let from = 0; from < count; from += chunk) {
    const batch = fc.sample(hostileRequests(apiKey), { numRuns: Math.min(chunk, count - from), seed: seed + from });
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batch.length) {
          const sent = batch[next++] as HostileRequest;
          const answer = await send(agent, url, sent);
          outcome.requests += 1;
          outcome.statuses[answer.status] = (outcome.statuses[answer.status] ?? 0) + 1;
          if (answer.status >= 500 || answer.status <= 0) outcome.failures.push({ kind: sent.kind, status: answer.status, detail: answer.body.slice(0, 300) });
          if (answer.status === 202 || answer.status === 207) {
            const accepted = (JSON.parse(answer.body) as { accepted?: { eventId: string }[] }).accepted ?? [];
            outcome.acceptedIds.push(...accepted.map((a) => a.eventId));
          }
        }
      }),
    );
  }
  agent.destroy();
  return outcome;
}

function send(agent: Agent, url: URL, sent: HostileRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const body = Buffer.from(sent.body, 'utf8');
    const req = request(url, { method: 'POST', agent, headers: { ...sent.headers, 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', (error) => resolve({ status: -1, body: error.message }));
    req.end(body);
  });
}
