/**
 * Avro's `decimal` logical type on `bytes`: the unscaled value (the amount times 10^scale) as a
 * big-endian two's-complement integer in as few bytes as it takes, as Java's
 * `BigInteger.toByteArray` writes it. The TypeScript side holds a number whose decimals fit the scale.
 */
export function toDecimalBytes(value: number, scale: number): Buffer {
  const factor = 10 ** scale;
  const unscaled = Math.round(value * factor);
  if (!Number.isSafeInteger(unscaled) || unscaled / factor !== value) {
    throw new RangeError(`${value} is not a decimal with at most ${scale} decimals in the exactly representable range`);
  }
  let rest = BigInt(unscaled);
  const bytes: number[] = [];
  for (;;) {
    const low = Number(rest & 0xffn);
    bytes.unshift(low);
    rest >>= 8n;
    const signBitSet = (low & 0x80) !== 0;
    if ((rest === 0n && !signBitSet) || (rest === -1n && signBitSet)) return Buffer.from(bytes);
  }
}

/** The number a `decimal` of this scale holds; its unscaled value must be a safe integer. */
export function fromDecimalBytes(bytes: Uint8Array, scale: number): number {
  if (bytes.length === 0) return 0;
  const unsigned = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
  const unscaled = BigInt.asIntN(bytes.length * 8, unsigned);
  if (unscaled > BigInt(Number.MAX_SAFE_INTEGER) || unscaled < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`decimal ${unscaled} / 10^${scale} is beyond what a number holds exactly`);
  }
  return Number(unscaled) / 10 ** scale;
}
