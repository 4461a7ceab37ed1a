import type { ClientBase } from 'pg';
import type { AnyTopic, RecordOf } from '@leadflow/schemas';
import type { TopicCodec } from '../codec/TopicCodec';
import { encodeRecords } from './encodeRecords';
import type { OutboxRecord } from './OutboxRecord';

/** The channel the relay listens on: Postgres delivers a notification only when its transaction commits. */
export const OUTBOX_CHANNEL = 'leadflow_outbox';

/**
 * Where a transaction puts what it produces: rows in the outbox, written with its effects and
 * offsets, and published to Kafka by the relay once (and only if) the transaction committed.
 */
export class Outbox {
  /** `relay`: the relay that publishes these rows (one per service and topic namespace). */
  constructor(readonly relay: string) {}

  /** Encodes typed records for the codec's topic and writes them, in order. */
  async write<T extends AnyTopic>(tx: ClientBase, codec: TopicCodec<T>, records: RecordOf<T>[]): Promise<void> {
    await this.writeEncoded(tx, await encodeRecords(codec, records));
  }

  /**
   * Writes records already encoded (e.g. original bytes), in order, and wakes the relay at commit.
   * Keys and values travel as one binary parameter each, cut by offset in the statement: the driver
   * sends a Buffer parameter as raw bytes, where a `bytea[]` would be hex text built per element.
   */
  async writeEncoded(tx: ClientBase, records: OutboxRecord[]): Promise<void> {
    if (records.length === 0) return;
    const keys = packed(records.map((r) => r.key));
    const values = packed(records.map((r) => r.value));
    await tx.query(
      `insert into public.outbox (relay, topic, key, value, headers)
       select $1, r.topic,
              case when r.key_length < 0 then null else substring($3::bytea from r.key_at for r.key_length) end,
              case when r.value_length < 0 then null else substring($6::bytea from r.value_at for r.value_length) end,
              ($9::jsonb) -> (r.n::int - 1)
       from unnest($2::text[], $4::int[], $5::int[], $7::int[], $8::int[]) with ordinality as r(topic, key_at, key_length, value_at, value_length, n)
       order by r.n`,
      [this.relay, records.map((r) => r.topic), keys.bytes, keys.at, keys.lengths, values.bytes, values.at, values.lengths, JSON.stringify(records.map((r) => r.headers))],
    );
    await tx.query('select pg_notify($1, $2)', [OUTBOX_CHANNEL, this.relay]);
  }
}

/** Buffers laid end to end, with where each starts (1-based, as `substring` counts) and its length (-1 for null). */
function packed(buffers: (Buffer | null)[]): { bytes: Buffer; at: number[]; lengths: number[] } {
  const at: number[] = [];
  const lengths: number[] = [];
  let next = 1;
  for (const buffer of buffers) {
    at.push(next);
    lengths.push(buffer === null ? -1 : buffer.length);
    next += buffer?.length ?? 0;
  }
  return { bytes: Buffer.concat(buffers.filter((b): b is Buffer => b !== null)), at, lengths };
}
