import type { PostedEventBody } from '../simulate/sampleJourneys';
import { postEvents } from '../simulate/postEvents';
import { eventsDueBy } from '../simulate/simulatedTraffic';

export interface TrafficReport {
  sent: number;
  accepted: number;
  refused: number;
  /** Requests resent: no answer, 429 or a 5xx (same event ids, so nothing is counted twice). */
  retried: number;
  /** Of those, answers 500: ingest should say 503 when it cannot take a request. */
  serverErrors: number;
  seconds: number;
}

const PER_REQUEST = 200;
const CLIENTS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the events at `rate` per second through every ingest instance in turn, from `CLIENTS`
 * concurrent clients. A request that gets no answer (its instance was killed), 429 or a 5xx is
 * sent again, to the next instance, until it is taken: a client's retry is what makes a kill
 * harmless. Any other answer is a bug in the traffic and ends the run.
 */
export async function sendTraffic(ingestUrls: readonly string[], apiKey: string, events: readonly PostedEventBody[], rate: number): Promise<TrafficReport> {
  const report: TrafficReport = { sent: 0, accepted: 0, refused: 0, retried: 0, serverErrors: 0, seconds: 0 };
  const startedAt = Date.now();
  let next = 0;
  let turn = 0;
  const client = async () => {
    while (next < events.length) {
      const due = eventsDueBy(rate, Date.now() - startedAt);
      if (due <= next) {
        await sleep(50);
        continue;
      }
      const batch = events.slice(next, Math.min(next + PER_REQUEST, Math.max(due, next + 1)));
      next += batch.length;
      for (;;) {
        const url = ingestUrls[turn++ % ingestUrls.length] as string;
        const result = await postEvents(url, apiKey, batch).catch(() => undefined);
        if (result?.status === 202 || result?.status === 207) {
          report.sent += batch.length;
          report.accepted += result.body.accepted?.length ?? 0;
          report.refused += result.body.rejected?.length ?? 0;
          break;
        }
        if (result && result.status !== 429 && result.status < 500) throw new Error(`ingest answered ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
        report.retried += 1;
        if (result?.status === 500) report.serverErrors += 1;
        await sleep(250);
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { ...report, seconds: (Date.now() - startedAt) / 1000 };
}
