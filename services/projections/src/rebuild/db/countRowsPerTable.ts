import type { Pool, PoolClient } from 'pg';
import { quoted } from '../rebuildNames';

/** Tables that record the service's progress rather than what analysts read. */
const BOOKKEEPING = ['consumer_offsets', 'schema_migrations'];

/** Rows of every read-model table of `schema`, by table name; empty when the schema does not exist. */
export async function countRowsPerTable(db: Pool | PoolClient, schema: string): Promise<Map<string, number>> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = $1 and table_type = 'BASE TABLE' and table_name <> all($2::text[]) order by table_name`,
    [schema, BOOKKEEPING],
  );
  const counts = new Map<string, number>();
  for (const { table_name } of tables) {
    const { rows } = await db.query<{ n: string }>(`select count(*) as n from ${quoted(schema)}.${quoted(table_name)}`);
    counts.set(table_name, Number(rows[0]?.n ?? 0));
  }
  return counts;
}
