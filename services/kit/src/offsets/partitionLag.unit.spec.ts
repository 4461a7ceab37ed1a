import fc from 'fast-check';
import { isCaughtUpWith, partitionLag } from './partitionLag';

describe('partitionLag', () => {
  it('gives each partition of the log its lag behind the end and the records deleted before they were applied', () => {
    const ranges = [
      { topic: 't', partition: 0, logStart: 0n, logEnd: 10n },
      { topic: 't', partition: 1, logStart: 5n, logEnd: 8n },
      { topic: 't', partition: 2, logStart: 0n, logEnd: 0n },
    ];

    const lags = partitionLag(ranges, [{ topic: 't', partition: 0, next: 7n }, { topic: 'other', partition: 1, next: 3n }]);

    expect(lags.map((p) => [p.partition, p.stored, p.lag, p.gap])).toEqual([
      [0, 7n, 3n, 0n],
      [1, 0n, 8n, 5n],
      [2, 0n, 0n, 0n],
    ]);
    expect(isCaughtUpWith(lags)).toBe(false);
  });

  it('is caught up exactly when every stored offset reached its log end', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 1000n })), { maxLength: 8 }), (pairs) => {
        const ranges = pairs.map(([end], partition) => ({ topic: 't', partition, logStart: 0n, logEnd: end }));
        const stored = pairs.map(([, next], partition) => ({ topic: 't', partition, next }));
        const lags = partitionLag(ranges, stored);
        return isCaughtUpWith(lags) === pairs.every(([end, next]) => next >= end) && lags.every((p) => p.lag >= 0n && p.gap >= 0n);
      }),
    );
  });
});
