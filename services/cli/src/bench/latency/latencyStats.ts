/** Latency percentiles of one measure at one rate, in ms (Infinity: beyond what was waited for). */
export interface LatencyStats {
  /** Latencies measured (those that never came are not counted, but rank above every other). */
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Percentiles (nearest rank) of latencies in ms, `missing` of them never seen (they rank last, as
 * Infinity: an event whose score never came is slower than any that came); all zero when there are none.
 */
export function latencyStats(latenciesMs: readonly number[], missing = 0): LatencyStats {
  const sorted = [...latenciesMs, ...new Array<number>(missing).fill(Infinity)].sort((a, b) => a - b);
  const at = (fraction: number) => (sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number));
  return { count: latenciesMs.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] as number) };
}

/** The highest rate whose p99 stayed under `boundMs`, among rates whose lower rates all did too; undefined if none. */
export function highestRateUnder(results: readonly { rate: number; p99: number; count: number }[], boundMs: number): number | undefined {
  let best: number | undefined;
  for (const r of [...results].sort((a, b) => a.rate - b.rate)) {
    if (r.count === 0 || r.p99 >= boundMs) break;
    best = r.rate;
  }
  return best;
}
