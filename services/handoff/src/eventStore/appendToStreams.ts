import type { PoolClient } from 'pg';
import { LeadflowError } from '@leadflow/kit';
import type { StreamAppend } from './StoredEvent';

/** Another writer appended to a stream since it was read; retrying against the new state resolves it. */
export class StreamVersionConflict extends LeadflowError {
  constructor(cause: unknown) {
    super('a stream changed since it was read', { retriable: true, cause });
    this.name = 'StreamVersionConflict';
  }
}

/**
 * Appends to several streams in one statement. A version already taken fails the whole statement
 * with a retriable conflict, so the caller re-reads and decides again rather than losing a write.
 */
export async function appendToStreams<E extends { eventId: string; type: string; occurredAt: number }>(
  tx: PoolClient,
  appends: StreamAppend<E>[],
): Promise<void> {
  const rows = appends.flatMap(({ streamId, expectedVersion, events }) =>
    events.map((event, i) => ({ streamId, version: expectedVersion + i + 1, event })),
  );
  if (rows.length === 0) return;
  try {
    await tx.query(
      `insert into events (stream_id, stream_version, event_id, type, data, occurred_at)
       select * from unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::jsonb[], $6::bigint[])`,
      [
        rows.map((r) => r.streamId),
        rows.map((r) => r.version),
        rows.map((r) => r.event.eventId),
        rows.map((r) => r.event.type),
        rows.map((r) => JSON.stringify(r.event)),
        rows.map((r) => r.event.occurredAt),
      ],
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new StreamVersionConflict(error);
    throw error;
  }
}
