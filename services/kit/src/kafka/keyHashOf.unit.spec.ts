import fc from 'fast-check';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { keyHashOf, partitionOfKey } from './keyHashOf';

const metadataOf = (partitions: number): PartitionMetadata[] =>
  Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));

describe('keyHashOf', () => {
  it("places every key on the partition kafkajs' default partitioner chooses", () => {
    const partitioner = Partitioners.DefaultPartitioner();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.uuid().map((u) => `lead-${u}`)), fc.integer({ min: 1, max: 64 }), (key, partitions) => {
        const chosen = partitioner({ topic: 't', partitionMetadata: metadataOf(partitions), message: { key, value: null } });
        expect(partitionOfKey(key, partitions)).toBe(chosen);
      }),
      { numRuns: 500 },
    );
  });

  it('is a non-negative 31-bit integer, the same for a string and its UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (key) => {
        const hash = keyHashOf(key);
        expect(Number.isInteger(hash) && hash >= 0 && hash <= 0x7fffffff).toBe(true);
        expect(keyHashOf(Buffer.from(key, 'utf8'))).toBe(hash);
      }),
    );
  });
});
