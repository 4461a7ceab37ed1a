import type { IngestConfig } from '../config';

/**
 * The limits one of `workers` ingest processes enforces, so that together they hold what one
 * process would: the in-flight byte and event budgets and each key's rate are split evenly. A
 * worker still takes one whole request of the largest size, and a key's burst stays at least one
 * full request, so splitting never refuses what one process would take.
 */
export function workerShare(config: IngestConfig, workers: number): IngestConfig {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);
  if (workers === 1) return config;
  return {
    ...config,
    INGEST_MAX_INFLIGHT_BYTES: Math.max(config.INGEST_MAX_BODY_BYTES, Math.floor(config.INGEST_MAX_INFLIGHT_BYTES / workers)),
    INGEST_MAX_INFLIGHT_EVENTS: Math.max(config.INGEST_MAX_EVENTS_PER_REQUEST, Math.floor(config.INGEST_MAX_INFLIGHT_EVENTS / workers)),
    INGEST_RATE_PER_KEY: config.INGEST_RATE_PER_KEY / workers,
    INGEST_BURST_PER_KEY: Math.max(config.INGEST_MAX_EVENTS_PER_REQUEST, Math.floor(config.INGEST_BURST_PER_KEY / workers)),
  };
}
