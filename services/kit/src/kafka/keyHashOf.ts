/**
 * The hash kafkajs' default partitioner (Kafka's Java client too) places a keyed record by: murmur2
 * of the key's UTF-8 bytes, made positive. A record keyed `key` goes to partition
 * `keyHashOf(key) % partitions`, which lets Postgres find a key's partition of any topic by arithmetic.
 */
export function keyHashOf(key: string | Buffer): number {
  const data = Buffer.isBuffer(key) ? key : Buffer.from(key, 'utf8');
  const m = 0x5bd1e995;
  let h = 0x9747b28c ^ data.length;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = (data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const rest = data.length & 3;
  if (rest === 3) h ^= (data[whole + 2] as number) << 16;
  if (rest >= 2) h ^= (data[whole + 1] as number) << 8;
  if (rest >= 1) h = Math.imul(h ^ (data[whole] as number), m);
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h & 0x7fffffff;
}

/** The partition kafkajs' default partitioner sends a record keyed `key` to. */
export const partitionOfKey = (key: string | Buffer, partitions: number): number => keyHashOf(key) % partitions;
