import { hash } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A name-based (version 5, SHA-1) UUID generator for one namespace, as RFC 9562 defines it and the
 * `uuid` package computes it, with the namespace parsed once and the digest taken in one call
 * (about half the CPU of `uuid`'s v5): ids are derived on every posted event, ingest's hot path.
 */
export function nameBasedUuid(namespace: string): (name: string) => string {
  const hex = namespace.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`not a UUID: ${namespace}`);
  const namespaceBytes = Buffer.from(hex, 'hex');
  return (name) => {
    const input = Buffer.allocUnsafe(16 + Buffer.byteLength(name, 'utf8'));
    namespaceBytes.copy(input);
    input.write(name, 16, 'utf8');
    const b = hash('sha1', input, 'buffer');
    const v = ((b[6] as number) & 0x0f) | 0x50;
    const r = ((b[8] as number) & 0x3f) | 0x80;
    const h = (i: number) => HEX[b[i] as number] as string;
    return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${HEX[v]}${h(7)}-${HEX[r]}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
  };
}
