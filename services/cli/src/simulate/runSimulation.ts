import { postEvents } from './postEvents';
import type { SimulationOptions } from './simulationOptions';
import { eventsDueBy, simulatedTraffic } from './simulatedTraffic';

export interface SimulationReport {
  /** Events generated for the run. */
  total: number;
  sent: number;
  accepted: number;
  refused: number;
  /** Requests ingest could not take (429 over its rate, 503 while Kafka is away, no answer), resent. */
  retried: number;
  seconds: number;
}

const MAX_PER_REQUEST = 500;
const TICK_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the simulated population's activity to ingest at the given rate, in event-time order, in
 * requests of what fell due since the last one. A request ingest could not take (429, 503, a
 * network error) is sent again a second later, the same event ids, so nothing is lost and nothing counted twice; `stop`
 * ends the run after the request in flight.
 */
export async function runSimulation(
  options: SimulationOptions,
  onProgress: (report: SimulationReport) => void,
  stopped: () => boolean = () => false,
): Promise<SimulationReport> {
  const events = simulatedTraffic({ ...options, now: Date.now(), runId: `sim-${Date.now().toString(36)}` });
  const report: SimulationReport = { total: events.length, sent: 0, accepted: 0, refused: 0, retried: 0, seconds: 0 };
  const startedAt = Date.now();
  let lastProgress = startedAt;
  while (report.sent < events.length && !stopped()) {
    const due = Math.min(events.length, eventsDueBy(options.rate, Date.now() - startedAt));
    if (due <= report.sent) {
      await sleep(TICK_MS);
      continue;
    }
    const batch = events.slice(report.sent, Math.min(due, report.sent + MAX_PER_REQUEST));
    const result = await postEvents(options.ingestUrl, options.apiKey, batch).catch(() => undefined);
    if (result?.status === 202 || result?.status === 207) {
      report.sent += batch.length;
      report.accepted += result.body.accepted?.length ?? 0;
      report.refused += result.body.rejected?.length ?? 0;
    } else if (result && result.status !== 429 && result.status !== 503) {
      throw new Error(`ingest answered ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
    } else {
      report.retried += 1;
      await sleep(1000);
    }
    if (Date.now() - lastProgress >= 5000) {
      lastProgress = Date.now();
      onProgress({ ...report, seconds: (lastProgress - startedAt) / 1000 });
    }
  }
  return { ...report, seconds: (Date.now() - startedAt) / 1000 };
}
