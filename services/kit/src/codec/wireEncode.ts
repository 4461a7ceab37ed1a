/** What of an Avro type (avsc's `Type`) the wire encoding needs. */
export interface AvroWriter {
  /** Writes `value` into `buffer` from `position`; the position after it, or a negative number when the buffer is too small. */
  encode(value: unknown, buffer: Buffer, position: number): number;
}

/** Magic byte 0 and a 4-byte schema id: the Confluent wire format's header. */
const HEADER_BYTES = 5;

let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * A value in the Confluent wire format, written once into a scratch buffer shared by the process
 * and copied out at its exact size. (Encoding through the registry client writes a record larger
 * than avsc's 1 KiB buffer twice, then copies it again behind the header.) Throws what avsc throws
 * for a value its type does not accept.
 */
export function wireEncode(writer: AvroWriter, schemaId: number, value: unknown): Buffer {
  for (;;) {
    scratch[0] = 0;
    scratch.writeInt32BE(schemaId, 1);
    const end = writer.encode(value, scratch, HEADER_BYTES);
    if (end >= 0) return Buffer.from(scratch.subarray(0, end));
    scratch = Buffer.allocUnsafe(scratch.length * 2);
  }
}
