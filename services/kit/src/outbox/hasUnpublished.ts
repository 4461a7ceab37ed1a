import type { Pool, PoolClient } from 'pg';

/**
 * Whether committed records wait in the outbox of this database (any relay's), for these topics or,
 * without them, for any: what a consumer downstream has not seen yet although it was committed.
 */
export async function hasUnpublished(db: Pool | PoolClient, topics?: string[]): Promise<boolean> {
  const { rows } = await db.query<{ pending: boolean }>('select exists (select 1 from public.outbox where $1::text[] is null or topic = any($1::text[])) as pending', [topics ?? null]);
  return rows[0]?.pending === true;
}
