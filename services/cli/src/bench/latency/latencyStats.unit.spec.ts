import fc from 'fast-check';
import { highestRateUnder, latencyStats } from './latencyStats';
import { requestsOf } from './latencyTraffic';

describe('latency statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const stats = latencyStats(Array.from({ length: 100 }, (_, i) => 100 - i));

    expect(stats).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('ranks latencies never seen last: 2 % missing puts p99 beyond any wait, not among the seen', () => {
    const stats = latencyStats(Array.from({ length: 98 }, (_, i) => i + 1), 2);

    expect(stats).toEqual({ count: 98, p50: 50, p95: 95, p99: Infinity, max: Infinity });
    expect(highestRateUnder([{ rate: 500, ...stats }], 1000)).toBeUndefined();
  });

  it('orders its percentiles and never exceeds the largest value', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const s = latencyStats(values);
        expect(s.p50).toBeLessThanOrEqual(s.p95);
        expect(s.p95).toBeLessThanOrEqual(s.p99);
        expect(s.p99).toBeLessThanOrEqual(s.max);
        expect(s.max).toBe(Math.max(...values));
      }),
    );
  });

  it('names the highest rate below the bound, stopping at the first rate above it', () => {
    const results = [
      { rate: 500, p99: 300, count: 10 },
      { rate: 1000, p99: 700, count: 10 },
      { rate: 2000, p99: 1500, count: 10 },
      { rate: 4000, p99: 900, count: 10 },
    ];

    expect(highestRateUnder(results, 1000)).toBe(1000);
    expect(highestRateUnder([{ rate: 500, p99: 2000, count: 10 }], 1000)).toBeUndefined();
  });

  it('splits a tick into requests without losing or repeating an event', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 50 }), (due, per) => {
        const requests = requestsOf(due, per);
        expect(requests.flat()).toEqual(due);
        expect(requests.every((r) => r.length >= 1 && r.length <= per)).toBe(true);
      }),
    );
  });
});
