import type { ClientBase } from 'pg';
import type { OutboxRecord } from './OutboxRecord';

/** Outbox rows taken together to publish in one Kafka transaction, numbered by `sweep`. */
export interface Sweep {
  sweep: bigint;
  records: OutboxRecord[];
}

/**
 * The next rows to publish, in position order: those a previous leader took and did not get to
 * delete (their sweep is past the cursor, or they would have been deleted at takeover), else up to
 * `limit` committed rows not taken yet, under a new sweep number. Rows are numbered at the time they
 * are taken, not when written, so a row that commits late gets a later sweep than every row
 * published before it. Run only by the leader, outside a transaction (each statement commits).
 */
export async function claimSweep(db: ClientBase, relay: string, limit: number): Promise<Sweep | undefined> {
  const left = await db.query<{ sweep: string | null }>('select min(sweep) as sweep from public.outbox where relay = $1 and sweep is not null', [relay]);
  let sweep = left.rows[0]?.sweep ?? null;
  if (sweep === null) {
    const next = await db.query<{ sweep: string }>(`select nextval('public.outbox_sweeps') as sweep`);
    sweep = next.rows[0]?.sweep ?? null;
    const { rowCount } = await db.query(
      `update public.outbox set sweep = $2 where position in (
         select position from public.outbox where relay = $1 and sweep is null order by position limit $3)`,
      [relay, sweep, limit],
    );
    if (!rowCount) return undefined;
  }
  const { rows } = await db.query<{ topic: string; key: Buffer | null; value: Buffer | null; headers: Record<string, string> }>(
    'select topic, key, value, headers from public.outbox where relay = $1 and sweep = $2 order by position',
    [relay, sweep],
  );
  return { sweep: BigInt(sweep as string), records: rows };
}
