import type { PoolClient } from 'pg';
import type { StoredEvent } from './StoredEvent';

/** Reads whole streams in one query, each in version order. */
export async function readStreams<E>(tx: PoolClient, streamIds: string[]): Promise<Map<string, StoredEvent<E>[]>> {
  const streams = new Map<string, StoredEvent<E>[]>(streamIds.map((id) => [id, []]));
  if (streamIds.length === 0) return streams;
  const { rows } = await tx.query<{ stream_id: string; stream_version: string; data: E }>(
    `select stream_id, stream_version, data from events where stream_id = any($1::text[])
     order by stream_id, stream_version`,
    [streamIds],
  );
  for (const row of rows) {
    streams.get(row.stream_id)?.push({ streamId: row.stream_id, streamVersion: Number(row.stream_version), event: row.data });
  }
  return streams;
}
