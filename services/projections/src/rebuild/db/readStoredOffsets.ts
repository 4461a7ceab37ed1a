import type { Pool, PoolClient } from 'pg';
import { quoted } from '../rebuildNames';
import type { StoredOffset } from '../PartitionRange';

/** The next offsets `groupId` stored in `schema`'s consumer_offsets; none when the schema has no such table. */
export async function readStoredOffsets(db: Pool | PoolClient, schema: string, groupId: string): Promise<StoredOffset[]> {
  const table = `${quoted(schema)}.consumer_offsets`;
  const { rows: present } = await db.query<{ found: boolean }>('select to_regclass($1) is not null as found', [table]);
  if (!present[0]?.found) return [];
  const { rows } = await db.query<{ topic: string; partition: number; next_offset: string }>(
    `select topic, partition, next_offset from ${table} where group_id = $1`,
    [groupId],
  );
  return rows.map((r) => ({ topic: r.topic, partition: r.partition, next: Number(r.next_offset) }));
}
