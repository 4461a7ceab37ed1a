import { reachedEnds, recordsCovered, recordsIn, type PartitionRange } from './PartitionRange';

const ranges: PartitionRange[] = [
  { topic: 'scores', partition: 0, low: 0, high: 10 },
  { topic: 'scores', partition: 1, low: 5, high: 8 },
  { topic: 'sla', partition: 0, low: 4, high: 4 },
];

describe('partition ranges of a replay', () => {
  it('count the records from the first kept offset to the end', () => {
    expect(recordsIn(ranges)).toBe(13);
  });

  it('count what stored offsets cover, a partition without one covering nothing and none beyond its end', () => {
    expect(recordsCovered(ranges, [])).toBe(0);
    expect(recordsCovered(ranges, [{ topic: 'scores', partition: 0, next: 4n }])).toBe(4);
    expect(recordsCovered(ranges, [{ topic: 'scores', partition: 0, next: 12n }, { topic: 'scores', partition: 1, next: 7n }])).toBe(12);
  });

  it('are reached when every partition with records has its end stored, empty ones needing no offset', () => {
    expect(reachedEnds(ranges, [{ topic: 'scores', partition: 0, next: 10n }])).toBe(false);
    expect(reachedEnds(ranges, [{ topic: 'scores', partition: 0, next: 10n }, { topic: 'scores', partition: 1, next: 8n }])).toBe(true);
  });
});
