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

  /** Writes records already encoded (e.g. original bytes), in order, and wakes the relay at commit. */
  async writeEncoded(tx: ClientBase, records: OutboxRecord[]): Promise<void> {
    if (records.length === 0) return;
    await tx.query(
      `insert into public.outbox (relay, topic, key, value, headers)
       select $1, r.topic, r.key, r.value, r.headers
       from unnest($2::text[], $3::bytea[], $4::bytea[], $5::jsonb[]) with ordinality as r(topic, key, value, headers, n)
       order by r.n`,
      [this.relay, records.map((r) => r.topic), records.map((r) => r.key), records.map((r) => r.value), records.map((r) => JSON.stringify(r.headers))],
    );
    await tx.query('select pg_notify($1, $2)', [OUTBOX_CHANNEL, this.relay]);
  }
}
