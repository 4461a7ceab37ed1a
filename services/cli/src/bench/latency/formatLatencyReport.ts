import type { LatencyStats } from './latencyStats';

/** What one rate gave. */
export interface RateResult {
  rate: number;
  /** Events accepted per second over the sending time. */
  achieved: number;
  accepted: number;
  /** Events in requests ingest did not answer 202 (refused events, or overload and outage answers). */
  refused: number;
  /** Ticks the generator skipped because too many requests were unanswered. */
  skippedTicks: number;
  /** Accepted events that name a lead (visitors' events are scored only once they identify). */
  leadEvents: number;
  /** Lead events whose score had not come when the wait after sending ended. */
  unscored: number;
  /** From ingest's 202 to the lead's score at the event's time on leads.scores.v1. */
  score: LatencyStats;
  /** From ingest's 202 to a lifecycle event of the lead at the event's time (only events that decided one). */
  transition: LatencyStats;
}

export interface LatencyReport {
  machine: { cores: number; cpu: string; node: string };
  seconds: number;
  perRequest: number;
  results: RateResult[];
  highestRateUnder1s: number | undefined;
  /** Rates not run: the pipeline had not scored every event of a lower rate by the end of its wait. */
  notRun: number[];
  /** How long the wait after each rate's sending lasted at most, and without a new score, in ms. */
  drainMs: number;
  drainQuietMs: number;
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}` : 'never');

/** One row per rate, then the verdict. */
export function formatLatencyReport(r: LatencyReport): string {
  const header = ['rate/s', 'achieved/s', 'refused', 'skipped ticks', 'lead events', 'scored', 'unscored', 'score p50/p95/p99/max ms', 'transitions', 'transition p50/p95/p99/max ms'];
  const rows = r.results.map((x) => [
    String(x.rate),
    x.achieved.toFixed(0),
    String(x.refused),
    String(x.skippedTicks),
    String(x.leadEvents),
    String(x.score.count),
    String(x.unscored),
    [x.score.p50, x.score.p95, x.score.p99, x.score.max].map(ms).join(' / '),
    String(x.transition.count),
    [x.transition.p50, x.transition.p95, x.transition.p99, x.transition.max].map(ms).join(' / '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  return [
    `machine: ${r.machine.cores} cores, ${r.machine.cpu}, Node.js ${r.machine.node}; ${r.seconds} s per rate, up to ${r.perRequest} events per request`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `highest rate with score p99 < 1 s: ${r.highestRateUnder1s === undefined ? 'none of those measured' : `${r.highestRateUnder1s} events/s`}`,
    ...(r.notRun.length > 0
      ? [`not run: ${r.notRun.join(', ')} events/s, since the pipeline had not scored every event of the rate before by the end of the wait after its sending (until no score came for ${r.drainQuietMs / 1000} s, at most ${r.drainMs / 1000} s; 'never' in a percentile: an unscored event)`]
      : []),
  ].join('\n');
}
