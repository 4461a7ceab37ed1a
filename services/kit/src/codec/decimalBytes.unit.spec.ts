import fc from 'fast-check';
import { fromDecimalBytes, toDecimalBytes } from './decimalBytes';

describe('decimal bytes: Avro decimal(scale 2) as Java BigDecimal writes it', () => {
  it.each([
    [0, '00'],
    [1.27, '7f'],
    [1.28, '0080'],
    [-1.28, '80'],
    [-1.29, 'ff7f'],
    [1234.56, '01e240'],
    [10_000_000_000_000, '038d7ea4c68000'],
  ])('writes %p as %s (BigInteger.toByteArray of its cents)', (value, hex) => {
    expect(toDecimalBytes(value, 2).toString('hex')).toBe(hex);
    expect(fromDecimalBytes(Buffer.from(hex, 'hex'), 2)).toBe(value);
  });

  it('reads back every amount of whole cents it writes, exactly', () => {
    const cents = fc.integer({ min: -1_000_000_000_000_000, max: 1_000_000_000_000_000 });
    fc.assert(
      fc.property(cents, (c) => {
        const value = c / 100;
        expect(fromDecimalBytes(toDecimalBytes(value, 2), 2)).toBe(value);
      }),
    );
  });

  it('refuses an amount with more decimals than the scale rather than rounding it', () => {
    expect(() => toDecimalBytes(12.345, 2)).toThrow(RangeError);
  });
});
