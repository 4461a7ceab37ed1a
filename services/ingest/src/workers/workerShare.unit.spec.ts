import fc from 'fast-check';
import { loadConfig } from '@leadflow/kit';
import { ingestConfigSchema } from '../config';
import { workerShare } from './workerShare';

const configWith = (env: Record<string, string>) => loadConfig(ingestConfigSchema, { INGEST_API_KEYS: 'key-0123456789ab:site', ...env });

describe('workerShare', () => {
  it('leaves the limits of a single process as they are', () => {
    const config = configWith({});
    expect(workerShare(config, 1)).toBe(config);
  });

  it('splits the budgets and the rate evenly between workers', () => {
    const share = workerShare(configWith({ INGEST_MAX_INFLIGHT_BYTES: '40000000', INGEST_MAX_INFLIGHT_EVENTS: '60000', INGEST_RATE_PER_KEY: '20000', INGEST_BURST_PER_KEY: '40000' }), 4);
    expect(share).toMatchObject({ INGEST_MAX_INFLIGHT_BYTES: 10_000_000, INGEST_MAX_INFLIGHT_EVENTS: 15_000, INGEST_RATE_PER_KEY: 5000, INGEST_BURST_PER_KEY: 10_000 });
  });

  it('refuses a count of workers that is not a positive integer', () => {
    expect(() => workerShare(configWith({}), 0)).toThrow(RangeError);
    expect(() => workerShare(configWith({}), 1.5)).toThrow(RangeError);
  });

  it('never holds more together than one process would, yet each worker takes a full request', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (workers, maxEvents, extraEvents, extraBurst) => {
          const config = configWith({
            INGEST_MAX_EVENTS_PER_REQUEST: String(maxEvents),
            INGEST_MAX_BODY_BYTES: String(Math.max(1024, maxEvents * 64)),
            INGEST_MAX_INFLIGHT_BYTES: String(64 * 1024 * 1024),
            INGEST_MAX_INFLIGHT_EVENTS: String(maxEvents + extraEvents),
            INGEST_BURST_PER_KEY: String(maxEvents + extraBurst),
          });
          const share = workerShare(config, workers);
          expect(share.INGEST_MAX_INFLIGHT_EVENTS).toBeGreaterThanOrEqual(share.INGEST_MAX_EVENTS_PER_REQUEST);
          expect(share.INGEST_MAX_INFLIGHT_BYTES).toBeGreaterThanOrEqual(share.INGEST_MAX_BODY_BYTES);
          expect(share.INGEST_BURST_PER_KEY).toBeGreaterThanOrEqual(share.INGEST_MAX_EVENTS_PER_REQUEST);
          expect(share.INGEST_RATE_PER_KEY * workers).toBeCloseTo(config.INGEST_RATE_PER_KEY);
          // Together no more than one process, except where one full request per worker needs more.
          expect(share.INGEST_MAX_INFLIGHT_EVENTS * workers).toBeLessThanOrEqual(Math.max(config.INGEST_MAX_INFLIGHT_EVENTS, maxEvents * workers));
          expect(share.INGEST_MAX_INFLIGHT_BYTES * workers).toBeLessThanOrEqual(Math.max(config.INGEST_MAX_INFLIGHT_BYTES, config.INGEST_MAX_BODY_BYTES * workers));
          expect(share.INGEST_BURST_PER_KEY * workers).toBeLessThanOrEqual(Math.max(config.INGEST_BURST_PER_KEY, maxEvents * workers));
        },
      ),
      { numRuns: 200 },
    );
  });
});
