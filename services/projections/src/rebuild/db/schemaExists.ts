import type { Pool, PoolClient } from 'pg';

export async function schemaExists(db: Pool | PoolClient, schema: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from pg_namespace where nspname = $1', [schema]);
  return (rowCount ?? 0) > 0;
}
