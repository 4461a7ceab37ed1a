import type { Pool, PoolClient } from 'pg';

export interface StoredOffset {
  topic: string;
  partition: number;
  /** The next offset the group applies: every record before it has been applied. */
  next: bigint;
}

/**
 * The offsets a consumer group stored with the effects of its batches. `schema` names the schema of
 * the group's `consumer_offsets` when it is not on the search path; none when that table is missing.
 */
export async function readStoredOffsets(db: Pool | PoolClient, groupId: string, schema?: string): Promise<StoredOffset[]> {
  const table = schema ? `"${schema.replace(/"/g, '""')}".consumer_offsets` : 'consumer_offsets';
  const { rows: present } = await db.query<{ found: boolean }>('select to_regclass($1) is not null as found', [table]);
  if (!present[0]?.found) return [];
  const { rows } = await db.query<{ topic: string; partition: number; next_offset: string }>(
    `select topic, partition, next_offset from ${table} where group_id = $1 order by topic, partition`,
    [groupId],
  );
  return rows.map((r) => ({ topic: r.topic, partition: r.partition, next: BigInt(r.next_offset) }));
}
