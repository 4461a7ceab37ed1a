import avro from 'avsc';
import fc from 'fast-check';
import { wireEncode } from './wireEncode';

const type = avro.Type.forSchema({
  type: 'record',
  name: 'Sample',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'notes', type: { type: 'array', items: 'string' } },
    { name: 'score', type: ['null', 'double'], default: null },
  ],
});

const header = (schemaId: number): Buffer => {
  const bytes = Buffer.alloc(5);
  bytes.writeInt32BE(schemaId, 1);
  return bytes;
};

describe('wireEncode', () => {
  it('gives the header and the Avro bytes, for records small and far larger than its buffer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.string(),
        fc.array(fc.string({ maxLength: 40_000 }), { maxLength: 8 }),
        fc.option(fc.double({ noNaN: true })),
        (schemaId, id, notes, score) => {
          const value = { id, notes, score };

          const encoded = wireEncode(type, schemaId, value);

          expect(encoded).toEqual(Buffer.concat([header(schemaId), type.toBuffer(value)]));
          expect(type.fromBuffer(encoded.subarray(5))).toEqual(value);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives each caller its own bytes, which a later encoding leaves alone', () => {
    const first = wireEncode(type, 7, { id: 'a', notes: [], score: null });
    const copy = Buffer.from(first);

    wireEncode(type, 7, { id: 'b', notes: ['x'.repeat(100_000)], score: 1 });

    expect(first).toEqual(copy);
  });

  it('throws for a value the type refuses', () => {
    expect(() => wireEncode(type, 7, { id: 1, notes: [] })).toThrow();
  });
});
