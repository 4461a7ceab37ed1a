import type { Pool, PoolClient } from 'pg';
import { quoted } from '../rebuildNames';

/** Drops a schema with everything in it, if it exists. */
export async function dropSchema(db: Pool | PoolClient, schema: string): Promise<void> {
  await db.query(`drop schema if exists ${quoted(schema)} cascade`);
}
