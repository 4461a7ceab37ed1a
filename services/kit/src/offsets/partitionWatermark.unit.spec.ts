import fc from 'fast-check';
import { partitionWatermark, partitionWatermarks, passedOnEveryTopic } from './partitionWatermark';

const NOW = 1_800_000_000_000;
const range = (logStart: bigint, logEnd: bigint) => ({ topic: 't', partition: 0, logStart, logEnd });

describe('partitionWatermark', () => {
  it('is the latest event time applied while records wait, now once the log is drained, less the allowed lateness', () => {
    expect(partitionWatermark(range(0n, 10n), { next: 4n, maxEventTime: NOW - 5_000 }, NOW, 200)).toBe(NOW - 5_200);
    expect(partitionWatermark(range(0n, 10n), { next: 10n, maxEventTime: NOW - 5_000 }, NOW, 200)).toBe(NOW - 200);
    expect(partitionWatermark(range(0n, 10n), undefined, NOW, 200)).toBe(Number.NEGATIVE_INFINITY);
    expect(partitionWatermark(range(0n, 0n), undefined, NOW, 200)).toBe(NOW - 200);
  });

  it('a log truncated past a partition never stored holds nothing to wait for once it is empty', () => {
    expect(partitionWatermark(range(7n, 7n), undefined, NOW, 0)).toBe(NOW);
    expect(partitionWatermark(range(7n, 7n), { next: 3n }, NOW, 0)).toBe(NOW);
    expect(partitionWatermark(range(7n, 9n), undefined, NOW, 0)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('a record stamped in the future does not move the watermark past now', () => {
    expect(partitionWatermark(range(0n, 10n), { next: 5n, maxEventTime: NOW + 86_400_000 }, NOW, 0)).toBe(NOW);
  });

  const positions = fc.record({ logStart: fc.bigInt({ min: 0n, max: 50n }), length: fc.bigInt({ min: 0n, max: 50n }), stored: fc.option(fc.bigInt({ min: 0n, max: 120n })) });
  const eventTime = fc.option(fc.integer({ min: NOW - 86_400_000, max: NOW + 86_400_000 }));

  it('never exceeds now less the lateness, and never falls below the latest event time applied (up to now)', () => {
    fc.assert(
      fc.property(positions, eventTime, fc.integer({ min: 0, max: 10_000 }), ({ logStart, length, stored }, maxEventTime, lateness) => {
        const logEnd = logStart + length;
        const next = stored === null ? undefined : stored > logEnd ? logEnd : stored;
        const saved = next === undefined ? undefined : { next, ...(maxEventTime === null ? {} : { maxEventTime }) };
        const w = partitionWatermark(range(logStart, logEnd), saved, NOW, lateness);
        expect(w).toBeLessThanOrEqual(NOW - lateness);
        if (saved?.maxEventTime !== undefined) expect(w).toBeGreaterThanOrEqual(Math.min(NOW, saved.maxEventTime) - lateness);
        const drained = (next ?? 0n) >= logEnd || logStart >= logEnd;
        expect(w === NOW - lateness).toBe(drained || (saved?.maxEventTime ?? -Infinity) >= NOW);
      }),
    );
  });

  it('moves forward only: applying more records or a later event time never lowers it', () => {
    fc.assert(
      fc.property(positions, eventTime, fc.bigInt({ min: 0n, max: 20n }), fc.integer({ min: 0, max: 60_000 }), ({ logStart, length }, maxEventTime, more, later) => {
        const logEnd = logStart + length;
        const next = logStart;
        const before = partitionWatermark(range(logStart, logEnd), { next, ...(maxEventTime === null ? {} : { maxEventTime }) }, NOW, 100);
        const advanced = next + more > logEnd ? logEnd : next + more;
        const after = partitionWatermark(range(logStart, logEnd), { next: advanced, maxEventTime: (maxEventTime ?? NOW - 120_000) + later }, NOW, 100);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});

describe('passedOnEveryTopic', () => {
  it("a key is due once its own partition of every topic has passed the due time, whatever the others' watermarks", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: NOW - 10_000, max: NOW }), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.integer({ min: NOW - 10_000, max: NOW }),
        (scores, outcomes, times, keyHash, dueAt) => {
          const ranges = [
            ...Array.from({ length: scores }, (_, partition) => ({ topic: 'scores', partition, logStart: 0n, logEnd: 5n })),
            ...Array.from({ length: outcomes }, (_, partition) => ({ topic: 'outcome', partition, logStart: 0n, logEnd: 5n })),
          ];
          const stored = ranges.map((r, i) => ({ topic: r.topic, partition: r.partition, next: 1n, maxEventTime: times[i] as number }));
          const watermarks = partitionWatermarks(ranges, stored, NOW, 0);
          const own = [stored[keyHash % scores], stored[scores + (keyHash % outcomes)]];
          expect(passedOnEveryTopic(watermarks, keyHash, dueAt)).toBe(own.every((s) => (s?.maxEventTime as number) >= dueAt));
        },
      ),
    );
  });
});
