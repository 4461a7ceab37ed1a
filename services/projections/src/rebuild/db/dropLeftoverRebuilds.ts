import type { Pool } from 'pg';
import { dropSchema } from './dropSchema';

/**
 * Drops the rebuild schemas an interrupted run left behind (the caller holds the rebuild lock, so
 * none of them is in use), and returns their names.
 */
export async function dropLeftoverRebuilds(pool: Pool, rebuildPrefix: string): Promise<string[]> {
  const { rows } = await pool.query<{ nspname: string }>('select nspname from pg_namespace where starts_with(nspname, $1) order by 1', [rebuildPrefix]);
  for (const { nspname } of rows) await dropSchema(pool, nspname);
  return rows.map((r) => r.nspname);
}
